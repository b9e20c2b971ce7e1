/**
 * Moving a virtual org clock forward the way time passes in a real org: every scheduled firing
 * and delayed job due on the way runs at its own time, in order, and what they queue is drained
 * before the clock moves on. So advancing three days fires a daily job three times, each firing's
 * download chain finishing before the next day's firing.
 */
import { VirtualClock } from '../clock.ts';
import type { Org } from '../org.ts';

export interface AdvanceReport {
  /** Where the clock was and where it is now. */
  from: Date;
  to: Date;
  jobsRun: number;
  completed: number;
  failed: number;
  /** Set when another live process holds the runner lease: the clock did not move. */
  runningElsewhere?: { pid: number };
}

/** The org's clock as a virtual clock, or undefined when the org runs on real time. */
export function virtualClockOf(org: Org): VirtualClock | undefined {
  return org.clock instanceof VirtualClock ? org.clock : undefined;
}

/**
 * Advances the org's virtual clock to `target`, running what falls due on the way (see the
 * module comment). Throws when the org is on the real clock or `target` is in its past.
 */
export async function advanceClock(org: Org, target: Date): Promise<AdvanceReport> {
  const clock = virtualClockOf(org);
  if (clock === undefined) throw new Error('the org runs on the real clock, which cannot be moved');
  // An invalid target would compare false both ways and run every firing there is, forever.
  if (Number.isNaN(target.getTime())) throw new RangeError('advanceClock needs a valid Date');
  const from = clock.now();
  if (target.getTime() < from.getTime()) {
    throw new Error(
      `the org clock never runs backwards: it is at ${from.toISOString()}, already past ${target.toISOString()}`,
    );
  }
  const report: AdvanceReport = { from, to: from, jobsRun: 0, completed: 0, failed: 0 };

  const holder = org.runner.leaseHolder();
  if (holder !== undefined) return { ...report, runningElsewhere: { pid: holder } };

  for (;;) {
    const drained = await org.drain();
    if (drained.runningElsewhere !== undefined) {
      return { ...report, to: clock.now(), runningElsewhere: drained.runningElsewhere };
    }
    report.jobsRun += drained.jobsRun;
    report.completed += drained.completed;
    report.failed += drained.failed;

    // A drain leaves nothing due unless it was asked to stop; then so does the advance.
    const next = org.nextDueTime();
    if (next === undefined || next > target.getTime() || next <= clock.now().getTime()) break;
    clock.set(new Date(next));
  }

  clock.set(target);
  const last = await org.drain();
  report.jobsRun += last.jobsRun;
  report.completed += last.completed;
  report.failed += last.failed;
  return { ...report, to: clock.now() };
}

/**
 * The next time something is due (a delayed job or a scheduled firing), for `clock next`;
 * undefined when nothing is queued or scheduled.
 */
export function nextDue(org: Org): Date | undefined {
  const next = org.nextDueTime();
  return next === undefined ? undefined : new Date(next);
}
