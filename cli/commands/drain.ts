/**
 * `aflo-emu drain [--wait]`: runs the jobs that are due (and, with --wait, those queued for
 * later). Exit 0 when every job it ran completed and every async event it worked on ended
 * Processed.
 */
import type { Command } from 'commander';
import type { Org } from '../../emulator/org.ts';
import type { GlobalOptions } from '../session.ts';
import type { CliIo } from '../io.ts';
import { describeElsewhere, describeProblems, describeRun, succeeded } from '../output/outcome.ts';
import { drainUntilInterrupted } from '../drain-signals.ts';
import { DrainProgress } from '../output/progress.ts';
import { RunTracker } from '../output/run-tracker.ts';
import { renderSummary } from '../output/summary.ts';
import { globalOptions, withSession } from '../shared-options.ts';

export function registerDrain(program: Command, io: CliIo): void {
  program
    .command('drain')
    .description('run queued jobs until none is due')
    .option('--wait', 'also wait for jobs queued for later (retries) on the real clock')
    .action(async (options: { wait?: boolean }, command: Command) => {
      io.exitCode = await withSession(globalOptions(command), ({ org }, global) =>
        drainAndReport(org, global, io, options.wait === true),
      );
    });
}

/**
 * Drains the org and reports as `drain` does: progress, summary, what is left and where to look.
 * Returns the exit code: 0 when every job run completed and every event worked on is Processed.
 */
export async function drainAndReport(
  org: Org,
  global: GlobalOptions,
  io: CliIo,
  wait: boolean,
): Promise<number> {
  const tracker = new RunTracker(org);
  const progress = new DrainProgress(org, tracker, global.quiet !== true && io.interactiveErr);
  const report = await drainUntilInterrupted(org, wait, io);
  progress.stop();
  if (report.runningElsewhere !== undefined) {
    io.err(describeElsewhere(report.runningElsewhere.pid));
    return 1;
  }

  const outcome = {
    ...tracker.outcome('touched'),
    jobs: report.jobsRun,
    failedJobs: report.failed,
    queuedJobs: report.delayedJobs,
  };
  tracker.dispose();
  if (global.quiet !== true) io.out(`${renderSummary(org)}\n${describeRun(outcome)}`);
  for (const line of describeProblems(outcome, global.db)) io.err(line);
  if (report.interrupted) return 130;
  return succeeded(outcome) ? 0 : 1;
}
