/**
 * `aflo-emu clock show|set <iso>|advance <duration>|next|real`: the org clock. `set` switches the
 * org to virtual time kept in the database, so later commands continue from there; `advance`
 * and `next` move virtual time on, running every scheduled firing and delayed job due on the way
 * at its own time; `real` switches back to real time.
 */
import type { Command } from 'commander';
import { formatElapsed, parseDuration } from '../replay/durations.ts';
import {
  advanceClock,
  nextDue,
  virtualClockOf,
  type AdvanceReport,
} from '../../emulator/schedule/advance-clock.ts';
import { RealClock } from '../../emulator/clock.ts';
import { rememberClockMode, rememberedMode } from '../../emulator/remembered-clock.ts';
import type { Org } from '../../emulator/org.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { describeElsewhere } from '../output/outcome.ts';
import { globalOptions, withSession } from '../shared-options.ts';

/** The furthest one command moves the clock, as far as a scenario's `advance` step may. */
const MAX_MOVE_DAYS = 3650;
const DAY_MS = 86_400_000;

export function registerClock(program: Command, io: CliIo): void {
  const clock = program
    .command('clock')
    .description('show or move the org clock (real time, or virtual time the org remembers)');

  clock
    .command('show', { isDefault: true })
    .description('the org time, whether it is real or virtual, and what is due next')
    .action(async (_options: unknown, command: Command) => {
      await withSession(globalOptions(command), async ({ org }) => io.out(describeClock(org)), {
        withAmberflo: false,
        mustExist: true,
      });
    });

  clock
    .command('set <instant>')
    .description('switch the org to virtual time at an ISO instant, running what falls due')
    .action(async (instant: string, _options: unknown, command: Command) => {
      const target = parseInstant(instant);
      io.exitCode = await withSession(
        globalOptions(command),
        async ({ org }) => {
          // A refused move is refused before the org is switched to virtual time: it changes nothing.
          const refused = refuseMove(io, org, target);
          if (refused !== undefined) return refused;

          rememberClockMode(org.settings, org.clock);
          return reportAdvance(io, org, await move(org, target));
        },
        { clock: 'virtual', mustExist: true },
      );
    });

  clock
    .command('advance <duration>')
    .description('move virtual time on (30s, 90m, 2h, 1d), running what falls due in order')
    .action(async (duration: string, _options: unknown, command: Command) => {
      const ms = parseAdvance(duration);
      io.exitCode = await withSession(
        globalOptions(command),
        async ({ org }) => {
          const target = new Date(requireVirtual(org).now().getTime() + ms);
          return refuseMove(io, org, target) ?? reportAdvance(io, org, await move(org, target));
        },
        { mustExist: true },
      );
    });

  clock
    .command('next')
    .description('jump virtual time to the next due job or scheduled firing and run it')
    .action(async (_options: unknown, command: Command) => {
      io.exitCode = await withSession(
        globalOptions(command),
        async ({ org }) => {
          requireVirtual(org);
          const next = nextDue(org);
          if (next === undefined) {
            io.out('nothing is queued or scheduled; the clock stays where it is');
            return 0;
          }
          return reportAdvance(io, org, await move(org, next));
        },
        { mustExist: true },
      );
    });

  clock
    .command('real')
    .description('switch the org back to real time')
    .action(async (_options: unknown, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          if (rememberedMode(org.settings) === 'real') {
            io.out('the org is on real time already');
            return;
          }
          rememberClockMode(org.settings, new RealClock());
          io.out(
            `the org is on real time again (virtual time was ${org.clock.now().toISOString()})`,
          );
        },
        { withAmberflo: false, mustExist: true },
      );
    });
}

function describeClock(org: Org): string {
  const now = org.clock.now().toISOString();
  const mode = virtualClockOf(org) === undefined ? 'real time' : 'virtual time';
  const remembered = rememberedMode(org.settings) === 'virtual' ? '' : ' (for this run)';
  const lines = [`${now} ${mode}${virtualClockOf(org) === undefined ? '' : remembered}`];
  const next = nextDue(org);
  lines.push(
    next === undefined ? 'nothing queued or scheduled' : `next due: ${next.toISOString()}`,
  );
  for (const job of org.scheduler.list()) {
    lines.push(`  ${job.nextFireTime.toISOString()}  ${job.name} (${job.className})`);
  }
  return lines.join('\n');
}

async function move(org: Org, target: Date): Promise<AdvanceReport> {
  try {
    return await advanceClock(org, target);
  } catch (error) {
    if (error instanceof Error && /never runs backwards/.test(error.message)) {
      throw new CliError(
        `${error.message}; to start an org at an earlier time, use: aflo-emu reset --at <instant>`,
        2,
      );
    }
    throw error;
  }
}

/**
 * Refuses a move before anything changes: one backwards, one further than MAX_MOVE_DAYS (every
 * firing on the way runs, so a century of hourly jobs would run for days), or any while another
 * process runs the org's jobs (then it prints why and returns the exit code).
 */
function refuseMove(io: CliIo, org: Org, target: Date): number | undefined {
  const from = org.clock.now();
  if (target.getTime() < from.getTime()) {
    throw new CliError(
      `the org clock never runs backwards: it is at ${from.toISOString()}, already past ${target.toISOString()}; to start an org at an earlier time, use: aflo-emu reset --at <instant>`,
      2,
    );
  }
  // Written so that an instant past the end of Date (NaN) is refused too.
  if (!(target.getTime() - from.getTime() <= MAX_MOVE_DAYS * DAY_MS)) {
    throw new CliError(
      `the clock moves at most ${MAX_MOVE_DAYS}d (ten years) at once, as every firing on the way runs; to start an org later, use: aflo-emu reset --at <instant>`,
      2,
    );
  }

  const holder = org.runner.leaseHolder();
  return holder === undefined ? undefined : reportElsewhere(io, holder);
}

function reportElsewhere(io: CliIo, pid: number): number {
  io.err(describeElsewhere(pid));
  io.err('the clock did not move: stop that process first, as it runs the jobs on its own clock');
  return 1;
}

function reportAdvance(io: CliIo, org: Org, report: AdvanceReport): number {
  if (report.runningElsewhere !== undefined)
    return reportElsewhere(io, report.runningElsewhere.pid);
  const moved = formatElapsed(report.to.getTime() - report.from.getTime());
  const failed = report.failed === 0 ? '' : `, ${report.failed} failed`;
  io.out(
    `${report.to.toISOString()} virtual time (${moved}); ran ${report.jobsRun} job${report.jobsRun === 1 ? '' : 's'}${failed}`,
  );
  const next = nextDue(org);
  if (next !== undefined) io.out(`next due: ${next.toISOString()}`);
  return report.failed === 0 ? 0 : 1;
}

function requireVirtual(org: Org) {
  const clock = virtualClockOf(org);
  if (clock === undefined) {
    throw new CliError(
      'the org is on real time; switch it to virtual time with: aflo-emu clock set <ISO instant> (or run with --clock virtual)',
      2,
    );
  }
  return clock;
}

/** An ISO 8601 instant with a time zone, as `2026-01-01T06:00:00Z`. */
export function parseInstant(text: string): Date {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const match = iso.exec(text);
  const instant = new Date(text);
  if (match === null || Number.isNaN(instant.getTime()) || !isCalendarDay(match)) {
    throw new CliError(
      `not an ISO instant: ${text} (write e.g. 2026-01-01T06:00:00Z or 2026-01-01)`,
      2,
    );
  }
  return instant;
}

/** Whether year, month and day name a day of the calendar: Date reads 2026-02-30 as 2 March. */
function isCalendarDay([, year, month, day]: RegExpExecArray): boolean {
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

function parseAdvance(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new CliError(`not a duration: ${text} (write 30s, 90m, 2h or 1d)`, 2);
  }
}
