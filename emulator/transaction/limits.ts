/**
 * Governor limits the emulator enforces per transaction, with the platform's figures and messages.
 */
import { ApexException } from '../errors.ts';

export const LIMITS = {
  /** System.enqueueJob calls in a synchronous transaction. */
  queueableJobsSync: 50,
  /** System.enqueueJob calls in an asynchronous one (queueable execute). */
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

/** What one transaction has used so far. */
export class LimitUsage {
  queueableJobs = 0;
  callouts = 0;
  calloutMs = 0;
  dmlStatements = 0;
  dmlRows = 0;
  queries = 0;

  constructor(private readonly isAsync: boolean) {}

  get queueableJobLimit(): number {
    return this.isAsync ? LIMITS.queueableJobsAsync : LIMITS.queueableJobsSync;
  }

  get queryLimit(): number {
    return this.isAsync ? LIMITS.soqlQueriesAsync : LIMITS.soqlQueriesSync;
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
