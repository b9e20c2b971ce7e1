/**
 * The listing commands' shared end (`events`, `jobs`): at most `--limit` rows (default 2000,
 * the REST batch maximum), printed as a table or the REST query body, and a line on stderr when
 * the limit cut the list short.
 */
import type { QueryResult } from '../../emulator/soql/index.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { renderQueryJson, renderQueryTable } from './records-table.ts';

export const DEFAULT_LIMIT = 2000;

/** `--limit` as typed, checked: a whole number from 1 to 50,000; the default when not given. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 50_000) {
    throw new CliError(`--limit must be a whole number from 1 to 50000, got: ${value}`, 2);
  }
  return n;
}

/** Prints the rows; says so when there may be more than `--limit` (given or not) let through. */
export function printListing(
  io: CliIo,
  result: QueryResult,
  options: { json?: boolean; limit?: string },
): void {
  const limit = parseLimit(options.limit);
  io.out(options.json === true ? renderQueryJson(result) : renderQueryTable(result));
  if (result.totalSize < limit) return;
  io.err(
    options.limit === undefined
      ? `showing the first ${limit}; pass --limit for more`
      : `showing the first ${limit} (--limit ${limit})`,
  );
}
