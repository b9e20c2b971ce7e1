/**
 * The background runner: the job runner's mode for `serve`. It holds the org's runner lease (with
 * its heartbeat) and runs jobs as they become due, up to the runner's concurrency, until asked to
 * stop. It looks for due jobs again whenever
 * - a transaction of this process that enqueued or scheduled a job commits (`jobs:enqueued`,
 *   `jobs:scheduled`),
 * - a job it runs finishes,
 * - the org clock reaches the next delayed job or scheduled firing (a timer on the real clock; a
 *   virtual clock says when it is set or advanced),
 * - another process commits to the same database (`PRAGMA data_version`, read every `pollMs`):
 *   a CLI command beside the server enqueues jobs but leaves running them to the lease holder.
 *
 * When another live process holds the lease, it waits and tries again when that process commits
 * or every `leaseRetryMs`. So it does once another process has taken the lease over (this one was
 * paused past the stale time): it starts no more jobs, and the ones it was running roll back at
 * their commit. Stopping: no new job starts, the running ones finish (or fail), the lease is let
 * go; jobs not started stay queued.
 */
import type { Org } from '../org.ts';
import { runJob, takeDueJob } from './job-execution.ts';
import { runLeftFinalizers } from './finalizers.ts';
import { LeaseLost, RunnerLease } from './runner-lease.ts';

export interface BackgroundRunnerOptions {
  /** How often to look for other processes' commits, in ms. Default 200. */
  pollMs?: number;
  /** How often to try again for a lease another process holds, in ms. Default 5000. */
  leaseRetryMs?: number;
}

/** How the start went: whether this process runs the jobs or another one does for now. */
export interface BackgroundStart {
  /** Set when another live process holds the lease; this runner takes over once it lets go. */
  runningElsewhere?: { pid: number };
  /** Jobs a dead runner had left Processing, failed when this runner took the lease. */
  recoveredJobs: string[];
}

// A timer never waits longer than this: the next look catches anything a missed wake-up left.
const MAX_IDLE_MS = 60_000;

export class BackgroundRunner {
  /** The lease taken last; a lost one is replaced by a new taking, never taken again. */
  private lease: RunnerLease | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly pollMs: number;
  private readonly leaseRetryMs: number;
  private readonly unsubscribe: Array<() => void> = [];
  private stopping = false;
  private woken = false;
  private wakeIdle: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private dataVersion = -1;

  constructor(
    private readonly org: Org,
    options: BackgroundRunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.leaseRetryMs = options.leaseRetryMs ?? 5_000;
  }

  /**
   * Tries for the lease and starts running jobs in the background; resolves once the first try
   * is over (the runner keeps trying when another process holds the lease).
   */
  async start(): Promise<BackgroundStart> {
    if (this.loop !== undefined) throw new Error('the background runner is already started');
    this.listen();
    let start: BackgroundStart;
    try {
      start = await this.tryLease();
    } catch (error) {
      this.stopListening();
      throw error;
    }
    this.loop = this.run();
    return start;
  }

  /** Asks the runner to stop and resolves when it has: running jobs ended, lease let go. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
  }

  /** Whether this process holds the runner lease now. */
  get holdsLease(): boolean {
    return this.lease?.isHeld === true;
  }

  /** Jobs running now. */
  get running(): number {
    return this.inFlight.size;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopping) {
        if (!this.holdsLease) {
          await this.tryLeaseQuietly();
          if (!this.holdsLease) {
            await this.idle(this.leaseRetryMs);
            continue;
          }
        }
        const ok = await this.startDueJobs();
        if (this.stopping) break;
        await this.idle(ok ? this.untilNextJob() : this.leaseRetryMs);
      }
      await Promise.all(this.inFlight.values());
    } finally {
      this.stopListening();
      await this.releaseLease();
    }
  }

  /** Starts due jobs until the runner is full or none is due; false when the queue failed us. */
  private async startDueJobs(): Promise<boolean> {
    const lease = this.lease;
    if (lease === undefined) return true;
    try {
      while (this.inFlight.size < this.org.runner.concurrency && !this.stopping && lease.isHeld) {
        const job = await takeDueJob(this.org, lease);
        if (job === undefined) break;
        const running = runJob(this.org, job, lease)
          .then(() => undefined)
          .catch((error: unknown) => this.log().error({ err: error, jobId: job.id }, 'job lost'))
          .finally(() => {
            this.inFlight.delete(job.id);
            this.wake();
          });
        this.inFlight.set(job.id, running);
      }
      return true;
    } catch (error) {
      // The lease was taken over: the loop waits to take it back (onLost woke it).
      if (error instanceof LeaseLost) return true;
      // Another process holding the write lock too long, say: try again a little later.
      this.log().warn({ err: String(error) }, 'could not take the next job; trying again');
      return false;
    }
  }

  private async tryLease(): Promise<BackgroundStart> {
    // A new taking each time, so jobs started under a lease that was lost stay refused.
    const lease = new RunnerLease(this.org, { onLost: () => this.wake() });
    const outcome = await lease.acquire();
    if (!outcome.taken) return { runningElsewhere: { pid: outcome.holder }, recoveredJobs: [] };
    this.lease = lease;
    this.log().info({ recoveredJobs: outcome.recoveredJobs }, 'runner lease taken');
    try {
      await runLeftFinalizers(this.org, lease);
      await this.org.packagesRunnerStart(outcome.recoveredJobs);
    } catch (error) {
      this.log().error({ err: error }, 'a package failed to restart its work');
    }
    return { recoveredJobs: outcome.recoveredJobs };
  }

  private async tryLeaseQuietly(): Promise<void> {
    try {
      await this.tryLease();
    } catch (error) {
      this.log().warn({ err: String(error) }, 'could not take the runner lease; trying again');
    }
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    if (lease?.isHeld !== true) return;
    try {
      await lease.release();
    } catch (error) {
      this.log().error({ err: String(error) }, 'could not let go of the runner lease');
    }
  }

  /**
   * Ms until the earliest delayed job or scheduled firing on the real clock; undefined when only
   * a wake-up helps.
   */
  private untilNextJob(): number | undefined {
    const earliest = this.org.nextDueTime();
    if (earliest === undefined || this.inFlight.size >= this.org.runner.concurrency) return;
    this.org.events.emit('runner:waiting', { until: new Date(earliest) });
    if (this.org.clock.kind === 'virtual') return undefined;
    return Math.max(0, earliest - this.org.clock.now().getTime());
  }

  /** Waits for a wake-up, or `ms` (capped at a minute). */
  private idle(ms: number | undefined): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(), Math.min(ms ?? MAX_IDLE_MS, MAX_IDLE_MS));
      timer.unref();
      this.wakeIdle = () => {
        clearTimeout(timer);
        this.wakeIdle = undefined;
        this.woken = false;
        resolve();
      };
    });
  }

  private wake(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  private listen(): void {
    const onEnqueued = (): void => this.wake();
    this.org.events.on('jobs:enqueued', onEnqueued);
    this.unsubscribe.push(() => this.org.events.off('jobs:enqueued', onEnqueued));
    this.org.events.on('jobs:scheduled', onEnqueued);
    this.unsubscribe.push(() => this.org.events.off('jobs:scheduled', onEnqueued));
    const offClock = this.org.clock.onChange?.(() => this.wake());
    if (offClock !== undefined) this.unsubscribe.push(offClock);

    this.dataVersion = this.readDataVersion();
    const poll = setInterval(() => {
      const version = this.readDataVersion();
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      this.wake();
    }, this.pollMs);
    poll.unref();
    this.unsubscribe.push(() => clearInterval(poll));
  }

  private stopListening(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Changes whenever another connection commits to the database (never for our own commits). */
  private readDataVersion(): number {
    if (this.org.isClosed) return this.dataVersion;
    return Number(this.org.db.pragma('data_version', { simple: true }));
  }

  private log() {
    return this.org.logger.child({ component: 'runner', mode: 'background' });
  }
}
