/**
 * `aflo-emu apex [script] [-f file]`: runs anonymous Apex as one transaction, then drains the
 * queue it led to, as the platform would run it afterwards. Exit 0 when the script succeeded and
 * every job and async event this run led to ended Completed / Processed.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { DrainProgress } from '../output/progress.ts';
import { RunTracker } from '../output/run-tracker.ts';
import { renderSummary } from '../output/summary.ts';
import { describeElsewhere, describeProblems, describeRun, succeeded } from '../output/outcome.ts';
import { drainUntilInterrupted } from '../drain-signals.ts';
import type { CliIo } from '../io.ts';
import { globalOptions, withSession } from '../shared-options.ts';

interface ApexOptions {
  file?: string;
  drain: boolean;
  wait?: boolean;
}

export function registerApex(program: Command, io: CliIo): void {
  program
    .command('apex')
    .description('run anonymous Apex, then drain the jobs it queued')
    .argument('[script]', 'the Apex to run, e.g. "(new AFLO.DownloadScheduler()).execute(null);"')
    .option('-f, --file <file>', 'read the Apex from a file')
    .option('--no-drain', 'only run the script; leave the jobs it queued in the queue')
    .option('--wait', 'also wait for jobs queued for later (retries) on the real clock')
    .action(async (script: string | undefined, options: ApexOptions, command: Command) => {
      const source = readSource(script, options.file);
      io.exitCode = await withSession(globalOptions(command), async (session, global) => {
        const { org } = session;
        const tracker = new RunTracker(org);
        const result = await org.runAnonymous(source);
        for (const line of result.debugLog) io.out(line);

        if (!result.compiled) {
          io.err(
            `Compile error at line ${result.line} column ${result.column}: ${result.compileProblem ?? ''}`,
          );
          return 1;
        }
        if (!result.success) {
          io.err(result.exceptionMessage ?? 'the script failed');
          if (result.exceptionStackTrace !== null) io.err(result.exceptionStackTrace);
          return 1;
        }
        if (!options.drain) return 0;

        const progress = new DrainProgress(org, tracker, !global.quiet && io.interactiveErr);
        const report = await drainUntilInterrupted(org, options.wait === true, io);
        progress.stop();
        if (report.runningElsewhere !== undefined) {
          // A script that queued nothing is done; one that did leaves its outcome to the holder.
          if (tracker.jobIds.size === 0) return 0;
          io.err(describeElsewhere(report.runningElsewhere.pid));
          return 1;
        }
        if (!global.quiet) io.out(renderSummary(org));

        const outcome = tracker.outcome();
        tracker.dispose();
        if (!global.quiet) io.out(describeRun(outcome));
        for (const line of describeProblems(outcome, global.db)) io.err(line);
        if (report.interrupted) return 130;
        return succeeded(outcome) ? 0 : 1;
      });
    });
}

function readSource(script: string | undefined, file: string | undefined): string {
  if (script !== undefined && file !== undefined)
    throw new CliError('give the Apex either as an argument or with -f, not both', 2);
  if (file !== undefined) {
    try {
      // Editors on Windows start files with a byte-order mark; Apex source never does.
      return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new CliError(
        code === 'ENOENT'
          ? `no such file: ${file}`
          : `cannot read ${file}: ${(error as Error).message}`,
      );
    }
  }
  if (script === undefined)
    throw new CliError('give the Apex to run as an argument or with -f <file>', 2);
  return script;
}
