/**
 * How a run ended, in words: which jobs and async events did not finish, what to look at next,
 * and whether that makes the exit code 1.
 */
export interface RunOutcome {
  jobs: number;
  failedJobs: number;
  /** Jobs left queued for a later time (retries), not yet run. */
  queuedJobs: number;
  events: number;
  createdEvents: number;
  updatedEvents: number;
  failedEvents: number;
  pendingEvents: number;
}

/** True when every job completed and every async event was processed. */
export function succeeded(outcome: RunOutcome): boolean {
  return (
    outcome.failedJobs + outcome.queuedJobs + outcome.failedEvents + outcome.pendingEvents === 0
  );
}

/** The line summing up this run, printed under the org-wide tables. */
export function describeRun(outcome: RunOutcome): string {
  return `This run: ${outcome.jobs} job(s), ${outcome.events} async event(s) (${outcome.createdEvents} Created, ${outcome.updatedEvents} Updated).`;
}

/** One line per kind of unfinished work, each saying where to look. */
export function describeProblems(outcome: RunOutcome, db: string): string[] {
  const lines: string[] = [];
  const dbOption = db === '.aflo-emu/org.db' ? '' : ` --db ${db}`;
  if (outcome.failedJobs > 0) {
    lines.push(
      `${outcome.failedJobs} job(s) failed: see 'aflo-emu${dbOption} jobs --status Failed'`,
    );
  }
  if (outcome.failedEvents > 0) {
    lines.push(
      `${outcome.failedEvents} async event(s) failed: see 'aflo-emu${dbOption} events --status Failed'`,
    );
  }
  if (outcome.queuedJobs > 0 || outcome.pendingEvents > 0) {
    lines.push(
      `${outcome.queuedJobs} job(s) are still queued and ${outcome.pendingEvents} async event(s) still Pending: run 'aflo-emu${dbOption} drain --wait' to finish them`,
    );
  }
  if (lines.length > 0 && db === ':memory:') {
    lines.push('the org was in memory and is gone now; use --db <file> to look into it');
  }
  return lines;
}

/** When another process holds the runner lease, this run's jobs are left to it. */
export function describeElsewhere(pid: number): string {
  return `process ${pid} is running this org's jobs; the jobs this run queued are left to it`;
}
