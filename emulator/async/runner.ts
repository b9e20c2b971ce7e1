/**
 * The job runner: takes due jobs off the queue and runs each queueable's execute as its own
 * transaction (job-execution.ts), moving its AsyncApexJob row Queued → Processing → Completed |
 * Failed. Two modes: drain (here: run until nothing is due, then return) and background
 * (background-runner.ts: run jobs as they are queued until asked to stop, as `serve` does).
 */
import type { Org } from '../org.ts';
import { runJob, takeDueJob } from './job-execution.ts';
import { runLeftFinalizers } from './finalizers.ts';
import { LeaseLost, RunnerLease } from './runner-lease.ts';

export interface DrainOptions {
  /**
   * What to do when only delayed jobs are left: `stop` (the default) returns, `wait` waits for
   * them on the org clock: on a virtual clock by moving it to the next job's not-before time,
   * on the real clock with a timer.
   */
  delayed?: 'stop' | 'wait';
  /** Stop after this many jobs (a safety net against endless chains). Default: no limit. */
  maxJobs?: number;
}

export interface DrainReport {
  /**
   * Set when another live process holds the runner lease: it runs the jobs, this drain ran none.
   * Also set when another process took the lease over while this drain ran (this one had been
   * paused past the stale time): the drain then stopped taking jobs, and the jobs it was running
   * rolled back at their commit.
   */
  runningElsewhere?: { pid: number };
  /** Jobs a dead runner had left Processing, failed when this drain took the lease. */
  recoveredJobs: string[];
  jobsRun: number;
  completed: number;
  failed: number;
  /** Jobs still queued for a later time when the drain stopped. */
  delayedJobs: number;
}

export class JobRunner {
  /** Jobs run at once at most (they overlap only in their callouts). */
  readonly concurrency: number;
  private stopping = false;

  constructor(
    private readonly org: Org,
    options: { concurrency: number },
  ) {
    this.concurrency = Math.max(1, options.concurrency);
  }

  /**
   * Runs jobs, up to `concurrency` at once, until no job is due (see DrainOptions.delayed), as
   * the holder of the org's runner lease; returns at once when another live process holds it.
   * First it runs the finalizers a stopped process left after their jobs (finalizers.ts).
   */
  async drain(options: DrainOptions = {}): Promise<DrainReport> {
    const lease = new RunnerLease(this.org);
    const taken = await lease.acquire();
    if (!taken.taken) {
      return {
        runningElsewhere: { pid: taken.holder },
        recoveredJobs: [],
        jobsRun: 0,
        completed: 0,
        failed: 0,
        delayedJobs: this.countQueued(),
      };
    }
    this.stopping = false;
    try {
      await runLeftFinalizers(this.org, lease);
      await this.org.packagesRunnerStart(taken.recoveredJobs);
      const report = await this.runUntilIdle(options, lease);
      const newHolder = lease.lostTo?.holder;
      return {
        ...report,
        ...(newHolder === undefined ? {} : { runningElsewhere: { pid: newHolder } }),
        recoveredJobs: taken.recoveredJobs,
      };
    } finally {
      await lease.release();
    }
  }

  /** The pid of another live process holding the runner lease, if any. */
  leaseHolder(): number | undefined {
    return new RunnerLease(this.org).liveHolder();
  }

  /**
   * Asks a running drain to take no new job; the running ones finish (or fail) and the drain
   * returns. Jobs not started stay queued for the next drain.
   */
  requestStop(): void {
    this.stopping = true;
  }

  private async runUntilIdle(
    options: DrainOptions,
    lease: RunnerLease,
  ): Promise<Omit<DrainReport, 'recoveredJobs'>> {
    const report = { jobsRun: 0, completed: 0, failed: 0, delayedJobs: 0 };
    const inFlight = new Map<string, Promise<void>>();
    const limit = options.maxJobs ?? Number.POSITIVE_INFINITY;

    for (;;) {
      while (
        inFlight.size < this.concurrency &&
        report.jobsRun < limit &&
        !this.stopping &&
        lease.isHeld
      ) {
        const job = await takeDueJob(this.org, lease).catch((error: unknown) => {
          if (error instanceof LeaseLost) return undefined;
          throw error;
        });
        if (job === undefined) break;
        report.jobsRun++;
        const running = runJob(this.org, job, lease).then((ok) => {
          if (ok) report.completed++;
          else report.failed++;
          inFlight.delete(job.id);
        });
        inFlight.set(job.id, running);
      }
      if (inFlight.size > 0) {
        await Promise.race(inFlight.values());
        continue;
      }
      if (!lease.isHeld || this.stopping || report.jobsRun >= limit) break;
      if (!(await this.waitForDelayed(options))) break;
    }

    report.delayedJobs = this.org.jobs.earliestQueued() === undefined ? 0 : this.countQueued();
    return report;
  }

  /** Moves on to the next delayed job when asked to; false when there is nothing to wait for. */
  private async waitForDelayed(options: DrainOptions): Promise<boolean> {
    const earliest = this.org.jobs.earliestQueued();
    if (earliest === undefined || options.delayed !== 'wait') return false;
    const clock = this.org.clock;
    const wait = earliest - clock.now().getTime();
    if (wait <= 0) return true;
    this.org.events.emit('runner:waiting', { until: new Date(earliest) });
    if ('set' in clock && typeof clock.set === 'function') clock.set(new Date(earliest));
    else await new Promise((resolve) => setTimeout(resolve, wait));
    return true;
  }

  private countQueued(): number {
    const row = this.org.db
      .prepare<[], { n: number }>('SELECT count(*) AS n FROM emu_job_queue')
      .get();
    return row?.n ?? 0;
  }
}
