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

/** The one line to print for anything a command threw. */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) return { line: error.message, exitCode: error.exitCode };
  if (error instanceof SalesforceError)
    return {
      line: `${error.errorCode}: ${error.message.trim().replace(/\s*\n\s*/g, ' | ')}`,
      exitCode: 1,
    };
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
