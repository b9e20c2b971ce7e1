/**
 * The runner lease: only one process runs an org's jobs at a time. The holder's process id and a
 * heartbeat (real time) live in `emu_setting`; another process may write and enqueue, but leaves
 * the running to the holder. A lease whose holder has died (its pid is gone, or it has not beaten
 * for a minute) is taken over, and the jobs it left `Processing` are failed: their transactions
 * never committed, so they left nothing behind.
 *
 * A live holder's jobs are never touched, and a holder that was only paused (a stopped process,
 * a suspended laptop) and was taken over must not carry on: every write of a runner (taking a
 * job, committing a job's work, marking one Failed, beating) first checks, under the write lock,
 * that the record still names its own taking of the lease (`owner`). One that finds another
 * owner has lost the lease: it takes no more jobs, its running jobs roll back at their commit,
 * and it never writes the record again.
 */
import { randomUUID } from 'node:crypto';
import type { Org } from '../org.ts';
import type { Transaction } from '../transaction/transaction.ts';

/** The `emu_setting` that holds the lease (`{ pid, heartbeat, owner }`). */
export const RUNNER_LEASE_SETTING = 'runner.lease';
const LEASE = RUNNER_LEASE_SETTING;
const STALE_MS = 60_000;
const HEARTBEAT_MS = 5_000;

interface LeaseHolder {
  pid: number;
  /** Real time (epoch ms) of the holder's last beat. */
  heartbeat: number;
  /** Which taking of the lease this is; absent in a lease written before owners existed. */
  owner?: string;
}

export type LeaseOutcome =
  { taken: true; recoveredJobs: string[] } | { taken: false; holder: number };

/**
 * Thrown where a runner that has lost its lease was about to write (take a job, commit a job's
 * work, mark a job Failed): that transaction rolls back, and the job is the new holder's to deal
 * with (it failed the job when it took the lease over).
 */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';

  constructor(
    /** The process that holds the lease now, if any. */
    readonly holder: number | undefined,
  ) {
    super(
      holder === undefined
        ? 'the runner lease was let go by another process'
        : `process ${holder} took the runner lease over`,
    );
  }
}

const SYSTEM = { kind: 'system', allowsCallouts: false } as const;

/**
 * The leases runners of this process hold, by owner: a lease carrying this process's pid is alive
 * only while its runner is listed here with its org open (two orgs of one process may share a
 * database file, as tests do).
 */
const heldHere = new Map<string, Org>();

/**
 * One runner's hold on the lease: taken once with `acquire`, then held until `release`, or until
 * the runner finds another owner in the record (it was paused past the stale time and another
 * process took over), after which it is lost for good and every write it guards throws LeaseLost.
 * A runner that wants the lease again makes a new RunnerLease, so jobs it took under the lost one
 * stay refused.
 */
export class RunnerLease {
  private timer: NodeJS.Timeout | undefined;
  /** Set while this runner holds the lease. */
  private owner: string | undefined;
  private used = false;
  private lost: LeaseLost | undefined;

  constructor(
    private readonly org: Org,
    private readonly options: { onLost?(lost: LeaseLost): void } = {},
  ) {}

  /** Takes the lease for this runner, failing the jobs a dead holder left Processing. */
  async acquire(): Promise<LeaseOutcome> {
    if (this.used) throw new Error('a RunnerLease is taken once; make a new one to try again');
    const owner = randomUUID();
    const outcome = await this.org.run(SYSTEM, (tx) => {
      tx.beginWrite();
      const holder = this.read();
      if (holder !== undefined && isAlive(holder)) {
        return { taken: false as const, holder: holder.pid };
      }
      this.write(owner);
      return { taken: true as const, recoveredJobs: this.failOrphans(tx, holder) };
    });
    if (!outcome.taken) return outcome;

    this.used = true;
    this.owner = owner;
    heldHere.set(owner, this.org);
    this.startHeartbeat();
    return outcome;
  }

  /** Whether this runner holds the lease now (as far as it knows: see `holds`). */
  get isHeld(): boolean {
    return this.owner !== undefined;
  }

  /** Set once this runner has found the lease taken over (or let go) by another. */
  get lostTo(): LeaseLost | undefined {
    return this.lost;
  }

  /**
   * Whether this runner still holds the lease, read under `tx`'s write lock, so no other process
   * can take the lease over before `tx` commits. Finding another owner (or none) means the lease
   * is lost: the heartbeat stops and `onLost` is told, once.
   */
  holds(tx: Transaction): boolean {
    if (this.owner === undefined) return false;
    tx.beginWrite();
    const holder = this.read();
    if (holder?.owner === this.owner) return true;
    this.lose(holder);
    return false;
  }

  /** Throws LeaseLost unless this runner still holds the lease (see `holds`). */
  assertHeld(tx: Transaction): void {
    if (!this.holds(tx)) throw this.lost ?? new LeaseLost(undefined);
  }

  /** The pid of another live runner's process holding the lease, or undefined. */
  liveHolder(): number | undefined {
    const holder = this.read();
    if (holder === undefined || (this.owner !== undefined && holder.owner === this.owner)) return;
    return isAlive(holder) ? holder.pid : undefined;
  }

  /**
   * Renews the heartbeat if this runner still holds the lease; false when it does not (a lease
   * lost is never written again, so the new holder's record stays as it is).
   */
  async beat(): Promise<boolean> {
    const owner = this.owner;
    if (owner === undefined) return false;
    if (this.org.isClosed) {
      this.forget();
      return false;
    }
    return this.org.run(SYSTEM, (tx) => {
      if (!this.holds(tx)) return false;
      this.write(owner);
      return true;
    });
  }

  /** Lets go of the lease (at the end of a drain, or when `serve` stops). */
  async release(): Promise<void> {
    const owner = this.owner;
    this.stopHeartbeat();
    if (owner === undefined) return;
    try {
      if (this.org.isClosed) return;
      await this.org.run(SYSTEM, (tx) => {
        tx.beginWrite();
        if (this.read()?.owner === owner) this.org.settings.delete(LEASE);
      });
    } finally {
      this.forget();
    }
  }

  private read(): LeaseHolder | undefined {
    const raw = this.org.settings.get(LEASE);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as LeaseHolder;
    } catch {
      return undefined;
    }
  }

  private write(owner: string): void {
    const holder: LeaseHolder = { pid: process.pid, heartbeat: Date.now(), owner };
    this.org.settings.set(LEASE, JSON.stringify(holder));
  }

  private lose(holder: LeaseHolder | undefined): void {
    const lost = new LeaseLost(holder?.pid);
    this.lost = lost;
    this.forget();
    const log = this.org.logger.child({ component: 'runner' });
    log.warn(
      { holder: holder?.pid },
      'runner lease lost: taking no more jobs and committing none of the running ones',
    );
    this.options.onLost?.(lost);
    try {
      this.org.events.emit('runner:lease-lost', { holder: holder?.pid });
    } catch (error) {
      log.error({ err: error }, 'a runner:lease-lost observer threw');
    }
  }

  private forget(): void {
    this.stopHeartbeat();
    if (this.owner !== undefined) heldHere.delete(this.owner);
    this.owner = undefined;
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) =>
        this.org.logger.warn({ err: String(error) }, 'runner heartbeat failed'),
      );
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Jobs left Processing when the lease was taken: no live runner is running them. */
  private failOrphans(tx: Transaction, previous: LeaseHolder | undefined): string[] {
    const orphans = this.org.query(
      "SELECT Id, CronTriggerId FROM AsyncApexJob WHERE Status = 'Processing'",
    ).records;
    const detail = `System.UnexpectedException: ${whatStopped(previous)} before the job finished; its work was rolled back`;
    for (const job of orphans) {
      this.org.jobs.setStatus(tx, String(job.Id), 'Failed', detail);
      // A scheduled job's firing that died leaves its CronTrigger waiting for the next one.
      if (typeof job.CronTriggerId === 'string') {
        this.org.scheduler.firingFinished(tx, job.CronTriggerId);
      }
    }
    return orphans.map((job) => String(job.Id));
  }
}

/** Why the previous holder's jobs are orphans, for their ExtendedStatus. */
function whatStopped(previous: LeaseHolder | undefined): string {
  if (previous === undefined) return 'the process running this job stopped';
  if (Date.now() - previous.heartbeat > STALE_MS) {
    return `process ${previous.pid} running this job stopped answering (no heartbeat for ${STALE_MS / 1000} s)`;
  }
  return `process ${previous.pid} running this job stopped`;
}

function isAlive(holder: LeaseHolder): boolean {
  if (Date.now() - holder.heartbeat > STALE_MS) return false;
  if (holder.pid === process.pid) {
    const org = holder.owner === undefined ? undefined : heldHere.get(holder.owner);
    return org !== undefined && !org.isClosed;
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
