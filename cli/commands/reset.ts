/** `aflo-emu reset`: replaces the database with a new, empty org with the package installed. */
import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { globalOptions, withSession } from '../shared-options.ts';

export function registerReset(program: Command, io: CliIo): void {
  program
    .command('reset')
    .description('start over with a new empty org (the AFLO package installed)')
    .action(async (_options: unknown, command: Command) => {
      const options = globalOptions(command);
      if (options.db !== ':memory:') {
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(`${options.db}${suffix}`, { force: true });
      }
      await withSession(options, async () => undefined, { withAmberflo: false });
      const where =
        options.db === ':memory:' ? 'in memory (gone when this command ends)' : `in ${options.db}`;
      if (options.quiet !== true) io.out(`a new org is ready ${where}`);
    });
}
