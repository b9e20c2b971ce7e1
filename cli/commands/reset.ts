/**
 * `aflo-emu reset [--at <instant>]`: replaces the database with a new, empty org with the package
 * installed, on real time or on virtual time from an instant.
 * It deletes only a SQLite database, and not while another process is running its jobs.
 */
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, describeFailure } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { rememberClockMode } from '../../emulator/remembered-clock.ts';
import { globalOptions, withSession } from '../shared-options.ts';
import { parseInstant } from './clock.ts';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export function registerReset(program: Command, io: CliIo): void {
  program
    .command('reset')
    .description('start over with a new empty org (the AFLO package installed)')
    .option('--at <instant>', 'the new org runs on virtual time from this ISO instant')
    .action(async (resetOptions: { at?: string }, command: Command) => {
      const options = globalOptions(command);
      const start = resetOptions.at === undefined ? undefined : parseInstant(resetOptions.at);
      if (options.db === ':memory:') {
        await makeOrg(options, start);
      } else {
        if (existsSync(options.db)) {
          assertSqliteFile(options.db);
          await assertNotRunningElsewhere(options.db, options);
        }
        // The new org is made beside the old one and moved over it once installed, so a reset
        // that fails (an instant after which the daily sync can never fire) loses nothing.
        const fresh = `${options.db}.reset-${process.pid}`;
        removeDatabase(fresh);
        try {
          await makeOrg({ ...options, db: fresh }, start);
        } catch (error) {
          removeDatabase(fresh);
          const why = describeFailure(error).line;
          throw new CliError(
            `the new org could not be made, so ${options.db} is left as it was: ${why}`,
          );
        }
        removeDatabase(options.db);
        for (const suffix of SQLITE_FILES) {
          if (existsSync(`${fresh}${suffix}`))
            renameSync(`${fresh}${suffix}`, `${options.db}${suffix}`);
        }
      }
      const where =
        options.db === ':memory:' ? 'in memory (gone when this command ends)' : `in ${options.db}`;
      const clock = start === undefined ? '' : `, on virtual time from ${start.toISOString()}`;
      if (options.quiet !== true) io.out(`a new org is ready ${where}${clock}`);
    });
}

/** A database and the files SQLite keeps beside it. */
const SQLITE_FILES = ['-wal', '-shm', ''];

function removeDatabase(path: string): void {
  for (const suffix of SQLITE_FILES) rmSync(`${path}${suffix}`, { force: true });
}

/** Opens (so creates) the org at `options.db` with the package installed, and closes it. */
async function makeOrg(options: ReturnType<typeof globalOptions>, start: Date | undefined) {
  await withSession(
    options,
    async ({ org }) => {
      if (start !== undefined) rememberClockMode(org.settings, org.clock);
    },
    { withAmberflo: false, ...(start === undefined ? {} : { clock: { virtualAt: start } }) },
  );
}

function assertSqliteFile(path: string): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, header.length, 0);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new CliError(
      `${path} is not an aflo-emu database; reset deletes only those (check --db)`,
    );
  }
}

async function assertNotRunningElsewhere(
  path: string,
  options: ReturnType<typeof globalOptions>,
): Promise<void> {
  const holder = await withSession(options, async ({ org }) => org.runner.leaseHolder(), {
    withAmberflo: false,
  });
  if (holder !== undefined) {
    throw new CliError(`process ${holder} is running the jobs of ${path}; stop it before reset`);
  }
}
