/**
 * `aflo-emu user add <username> [--password p] [--name "First Last"]` adds a user who can log
 * in to `serve`; `aflo-emu user password <username> [--password p]` gives one a new password.
 * Without --password a password is generated and printed (it is stored only as a hash).
 */
import type { Command } from 'commander';
import { addUser, generatePassword, setPassword, UserError } from '../../emulator/users/users.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { globalOptions, withSession } from '../shared-options.ts';

interface NewUserFlags {
  password?: string;
  name?: string;
}

export function registerUser(program: Command, io: CliIo): void {
  const user = program.command('user').description('add users who can log in, set passwords');

  user
    .command('add')
    .description('add a user who can log in to serve')
    .argument('<username>', 'an email-shaped username, e.g. dev@aflo-emu.local')
    .option('--password <password>', 'the password (default: a generated one, printed)')
    .option('--name <name>', 'the full name, e.g. "Dana Dev" (default: the username before @)')
    .action(async (username: string, flags: NewUserFlags, command: Command) => {
      const name = splitName(flags.name);
      const added = await withSession(
        globalOptions(command),
        ({ org }) =>
          asCliError(() => addUser(org, { username, password: flags.password, ...name })),
        { withAmberflo: false },
      );
      io.out(`added ${added.username} (${added.userId})`);
      if (flags.password === undefined) io.out(`Password: ${added.password}`);
    });

  user
    .command('password')
    .description("set a user's password")
    .argument('<username>', 'the user')
    .option('--password <password>', 'the new password (default: a generated one, printed)')
    .action(async (username: string, flags: { password?: string }, command: Command) => {
      const password = flags.password ?? generatePassword();
      await withSession(
        globalOptions(command),
        ({ org }) => asCliError(() => setPassword(org, username, password)),
        { withAmberflo: false, mustExist: true },
      );
      io.out(`set the password of ${username}`);
      if (flags.password === undefined) io.out(`Password: ${password}`);
    });
}

/** `"Dana van Dev"` → first name `Dana van`, last name `Dev`; one word is the last name. */
function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  const words = (name ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return {};
  const lastName = words.pop() as string;
  return words.length === 0 ? { lastName } : { firstName: words.join(' '), lastName };
}

async function asCliError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const usage = error.code === 'INVALID_USERNAME' || error.code === 'INVALID_PASSWORD';
    throw new CliError(error.message, usage ? 2 : 1);
  }
}
