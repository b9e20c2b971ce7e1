/**
 * Governor limits the emulator enforces per transaction, with the platform's figures and messages.
 */
import { ApexException } from '../errors.ts';

export const LIMITS = {
  /** System.enqueueJob calls in a synchronous transaction. */
  queueableJobsSync: 50,
  /** System.enqueueJob calls in an asynchronous one (queueable execute, finalizer). */
  queueableJobsAsync: 1,
  callouts: 100,
  /** Default and maximum timeout of one callout, and the total per transaction, in ms. */
  calloutDefaultTimeoutMs: 10_000,
  calloutMaxTimeoutMs: 120_000,
  calloutTotalMs: 120_000,
  dmlStatements: 150,
  dmlRows: 10_000,
  soqlQueriesSync: 100,
  soqlQueriesAsync: 200,
  triggerDepth: 16,
} as const;

/** The counters of one transaction (or of its Test.startTest() block). */
interface Counters {
  queueableJobs: number;
  callouts: number;
  calloutMs: number;
  dmlStatements: number;
  dmlRows: number;
  queries: number;
}

/**
 * Which limits a transaction gets, by what started it: a queueable's execute has the asynchronous
 * figures; a finalizer has the synchronous ones except the enqueue limit, which is the
 * asynchronous 1 (the platform's finalizer rule); everything else is synchronous.
 */
export type LimitProfile = 'sync' | 'queueable' | 'finalizer';

/** What one transaction has used so far. */
export class LimitUsage implements Counters {
  queueableJobs = 0;
  callouts = 0;
  calloutMs = 0;
  dmlStatements = 0;
  dmlRows = 0;
  queries = 0;
  private outerBlock: Counters | undefined;

  constructor(private readonly profile: LimitProfile) {}

  get queueableJobLimit(): number {
    return this.profile === 'sync' ? LIMITS.queueableJobsSync : LIMITS.queueableJobsAsync;
  }

  get queryLimit(): number {
    return this.profile === 'queueable' ? LIMITS.soqlQueriesAsync : LIMITS.soqlQueriesSync;
  }

  /**
   * `Test.startTest()`: the code from here to `Test.stopTest()` gets fresh limits; what was used
   * before is kept and comes back at `endTestBlock`.
   */
  beginTestBlock(): void {
    if (this.outerBlock !== undefined) return;
    this.outerBlock = this.counters();
    this.restore({
      queueableJobs: 0,
      callouts: 0,
      calloutMs: 0,
      dmlStatements: 0,
      dmlRows: 0,
      queries: 0,
    });
  }

  /** `Test.stopTest()`: back to the counters of the code before `Test.startTest()`. */
  endTestBlock(): void {
    if (this.outerBlock === undefined) return;
    this.restore(this.outerBlock);
    this.outerBlock = undefined;
  }

  private counters(): Counters {
    const { queueableJobs, callouts, calloutMs, dmlStatements, dmlRows, queries } = this;
    return { queueableJobs, callouts, calloutMs, dmlStatements, dmlRows, queries };
  }

  private restore(counters: Counters): void {
    Object.assign(this, counters);
  }

  countQueueableJob(): void {
    this.queueableJobs++;
    if (this.queueableJobs > this.queueableJobLimit) {
      throw new ApexException(
        'System.LimitException',
        `Too many queueable jobs added to the queue: ${this.queueableJobs}`,
      );
    }
  }

  countDml(rows: number): void {
    this.dmlStatements++;
    this.dmlRows += rows;
    if (this.dmlStatements > LIMITS.dmlStatements) {
      throw new ApexException(
        'System.LimitException',
        `Too many DML statements: ${this.dmlStatements}`,
      );
    }
    if (this.dmlRows > LIMITS.dmlRows) {
      throw new ApexException('System.LimitException', `Too many DML rows: ${this.dmlRows}`);
    }
  }

  countQuery(): void {
    this.queries++;
    if (this.queries > this.queryLimit) {
      throw new ApexException('System.LimitException', `Too many SOQL queries: ${this.queries}`);
    }
  }
}
