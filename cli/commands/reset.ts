/**
 * `aflo-emu reset`: replaces the database with a new, empty org with the package installed.
 * It deletes only a SQLite database, and not while another process is running its jobs.
 */
import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { globalOptions, withSession } from '../shared-options.ts';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export function registerReset(program: Command, io: CliIo): void {
  program
    .command('reset')
    .description('start over with a new empty org (the AFLO package installed)')
    .action(async (_options: unknown, command: Command) => {
      const options = globalOptions(command);
      if (options.db !== ':memory:' && existsSync(options.db)) {
        assertSqliteFile(options.db);
        await assertNotRunningElsewhere(options.db, options);
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(`${options.db}${suffix}`, { force: true });
      }
      await withSession(options, async () => undefined, { withAmberflo: false });
      const where =
        options.db === ':memory:' ? 'in memory (gone when this command ends)' : `in ${options.db}`;
      if (options.quiet !== true) io.out(`a new org is ready ${where}`);
    });
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
