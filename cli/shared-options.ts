/** The global options, declared once on the program, and running a command inside a session. */
import type { Command } from 'commander';
import { openSession, type GlobalOptions, type Session, type SessionOptions } from './session.ts';

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Opens a session, runs `work`, and closes the session whatever happens. */
export async function withSession<T>(
  options: GlobalOptions,
  work: (session: Session, options: GlobalOptions) => Promise<T>,
  openOptions: SessionOptions = {},
): Promise<T> {
  const session = await openSession(options, openOptions);
  try {
    return await work(session, options);
  } finally {
    await session.close();
  }
}
