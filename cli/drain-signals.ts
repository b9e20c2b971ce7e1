/**
 * Draining from the CLI: Ctrl-C (SIGINT) or SIGTERM asks the runner to take no new job; the jobs
 * running finish or roll back, the runner lease is let go, and the command ends with the work
 * left queued for the next drain. A second signal ends the process at once (the next runner
 * fails whatever it left Processing; see emulator/async/runner-lease.ts).
 */
import type { DrainReport } from '../emulator/async/runner.ts';
import type { Org } from '../emulator/org.ts';
import type { CliIo } from './io.ts';

export async function drainUntilInterrupted(
  org: Org,
  wait: boolean,
  io: CliIo,
): Promise<DrainReport & { interrupted: boolean }> {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) process.exit(130);
    signalled = true;
    io.err(`${signal}: finishing the jobs that are running; press Ctrl-C again to stop at once`);
    org.runner.requestStop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await org.drain({ delayed: wait ? 'wait' : 'stop' });
    return { ...report, interrupted: signalled };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
