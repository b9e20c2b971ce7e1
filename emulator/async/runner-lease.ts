/**
 * The runner lease: only one process runs an org's jobs at a time. The holder's process id and a
 * heartbeat (real time) live in `emu_setting`; another process may write and enqueue, but leaves
 * the running to the holder. A lease whose holder has died (its pid is gone, or it has not beaten
 * for a minute) is taken over, and the jobs it left `Processing` are failed: their transactions
 * never committed, so they left nothing behind.
 */
import type { Org } from '../org.ts';
import type { Transaction } from '../transaction/transaction.ts';

const LEASE = 'runner.lease';
const STALE_MS = 60_000;
const HEARTBEAT_MS = 5_000;

interface LeaseHolder {
  pid: number;
  heartbeat: number;
}

export type LeaseOutcome =
  { taken: true; recoveredJobs: string[] } | { taken: false; holder: number };

export class RunnerLease {
  private timer: NodeJS.Timeout | undefined;
  private held = false;

  constructor(private readonly org: Org) {}

  /** Takes the lease for this process, failing the jobs a dead holder left Processing. */
  async acquire(): Promise<LeaseOutcome> {
    const outcome = await this.org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      tx.beginWrite();
      const holder = this.read();
      if (holder !== undefined && holder.pid !== process.pid && isAlive(holder)) {
        return { taken: false as const, holder: holder.pid };
      }
      this.write();
      return { taken: true as const, recoveredJobs: this.failOrphans(tx, holder) };
    });
    if (outcome.taken) this.startHeartbeat();
    return outcome;
  }

  /** The pid of another live process that holds the lease, or undefined. */
  liveHolder(): number | undefined {
    const holder = this.read();
    return holder !== undefined && holder.pid !== process.pid && isAlive(holder)
      ? holder.pid
      : undefined;
  }

  /** Lets go of the lease (at the end of a drain). */
  async release(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held || this.org.isClosed) return;
    this.held = false;
    await this.org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      tx.beginWrite();
      if (this.read()?.pid === process.pid) this.org.settings.delete(LEASE);
    });
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

  private write(): void {
    this.org.settings.set(LEASE, JSON.stringify({ pid: process.pid, heartbeat: Date.now() }));
    this.held = true;
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => {
      if (this.org.isClosed) return;
      void this.org
        .run({ kind: 'system', allowsCallouts: false }, (tx) => {
          tx.beginWrite();
          this.write();
        })
        .catch((error: unknown) =>
          this.org.logger.warn({ err: String(error) }, 'runner heartbeat failed'),
        );
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Jobs left Processing when the lease was taken: no live runner is running them. */
  private failOrphans(tx: Transaction, previous: LeaseHolder | undefined): string[] {
    const orphans = this.org.query(
      "SELECT Id FROM AsyncApexJob WHERE Status = 'Processing'",
    ).records;
    const who = previous === undefined ? 'a process' : `process ${previous.pid}`;
    const detail = `System.UnexpectedException: ${who} running this job stopped before the job finished; its work was rolled back`;
    for (const job of orphans) this.org.jobs.setStatus(tx, String(job.Id), 'Failed', detail);
    return orphans.map((job) => String(job.Id));
  }
}

function isAlive(holder: LeaseHolder): boolean {
  if (Date.now() - holder.heartbeat > STALE_MS) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
