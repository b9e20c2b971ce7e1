/** `aflo-emu drain [--wait]`: runs the jobs that are due (and, with --wait, those queued for later). */
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { renderSummary } from '../output/summary.ts';
import { globalOptions, withSession } from '../shared-options.ts';

export function registerDrain(program: Command, io: CliIo): void {
  program
    .command('drain')
    .description('run queued jobs until none is due')
    .option('--wait', 'also wait for jobs queued for later (retries) on the real clock')
    .action(async (options: { wait?: boolean }, command: Command) => {
      await withSession(globalOptions(command), async ({ org }, global) => {
        const report = await org.drain({ delayed: options.wait === true ? 'wait' : 'stop' });
        if (global.quiet !== true)
          io.out(
            `${report.jobsRun} job(s) run: ${report.completed} completed, ${report.failed} failed, ${report.delayedJobs} queued for later\n${renderSummary(org)}`,
          );
        io.exitCode = report.failed > 0 ? 1 : 0;
      });
    });
}
