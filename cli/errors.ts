/**
 * Errors the CLI reports as one plain line on stderr (never a stack trace), with the exit code
 * to end with: 2 for bad usage, 1 for everything else.
 */
import { SalesforceError } from '../emulator/errors.ts';
import { StoreError } from '../emulator/storage/store.ts';
import { MetadataError } from '../emulator/metadata/load.ts';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * `INVALID_FIELD at row 1 column 8: No such column 'Nme' …`: a positioned SOQL error (which
 * echoes the query with a caret over several lines) keeps its position and its text.
 */
function describeSalesforceError(error: SalesforceError): string {
  const positioned = /ERROR at Row:(\d+):Column:(\d+)\n([\s\S]*)$/.exec(error.message);
  if (positioned !== null) {
    const [, row, column, text] = positioned;
    return `${error.errorCode} at row ${row} column ${column}: ${(text ?? '').replace(/\s*\n\s*/g, ' ')}`;
  }
  return `${error.errorCode}: ${error.message.trim().replace(/\s*\n\s*/g, ' ')}`;
}

/** The one line to print for anything a command threw. */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) return { line: error.message, exitCode: error.exitCode };
  if (error instanceof SalesforceError)
    return { line: describeSalesforceError(error), exitCode: 1 };
  if (error instanceof StoreError || error instanceof MetadataError)
    return { line: error.message, exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  if (/database is locked|SQLITE_BUSY/i.test(message)) {
    return {
      line: 'the database is locked by another process; wait for it or use --db with another file',
      exitCode: 1,
    };
  }
  return { line: message.split('\n')[0] ?? message, exitCode: 1 };
}
