/**
 * The job store: AsyncApexJob rows plus the emulator's queue table holding each queued job's
 * class, state, not-before time, stack options (queueable-stack.ts) and duplicate signature. A
 * job enqueued in a transaction is written in that
 * transaction, so it exists only once the transaction commits and vanishes with a rollback.
 */
import { ApexException } from '../errors.ts';
import type { DmlHost } from '../dml/host.ts';
import { JobRows } from './job-rows.ts';
import type { OrgClock } from '../clock.ts';
import type { SqliteDatabase } from '../storage/store.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { ApexClassRegistry, RegisteredClass } from './apex-classes.ts';
import type { TestJobCollector } from './apex-test.ts';
import { restoreJobState, serializeJobState } from './job-state.ts';
import type { JobStack } from './queueable-run.ts';
import { planEnqueue, type EnqueueRequest } from './queueable-stack.ts';

export type JobStatus = 'Queued' | 'Processing' | 'Completed' | 'Failed' | 'Aborted';

export interface TakenJob {
  id: string;
  registered: RegisteredClass;
  instance: object;
  depth: number;
  /** Set for a scheduled job's firing (JobType ScheduledApex): its CronTrigger's Id. */
  cronTriggerId?: string;
  /** A queueable's stack options as it was enqueued with them (its `depth` is `depth`). */
  stack?: JobStack;
  /** Set for a job `Test.stopTest()` runs: it may chain no job. */
  underTest?: boolean;
}

/**
 * What `System.enqueueJob(job, options)` asks for beyond a delay: `System.AsyncOptions`, its
 * duplicate signature as `QueueableDuplicateSignature.toString()` gives it.
 */
export interface EnqueueOptions extends EnqueueRequest {
  signature?: string | null;
}

interface QueueRow {
  job_id: string;
  class_name: string;
  state: string;
  not_before: number;
  depth: number;
  max_depth: number | null;
  min_delay: number | null;
  failed_requeues: number;
}

export interface JobStoreHost {
  db: SqliteDatabase;
  /** For the AsyncApexJob rows (see job-rows.ts). */
  records: DmlHost;
  clock: OrgClock;
  classes: ApexClassRegistry;
  apexClassId(registered: RegisteredClass): string;
  /** Told of each job once the transaction that enqueued it has committed. */
  jobEnqueued?(job: { jobId: string; className: string; notBefore: Date }): void;
  /** The org's queueable stack depth limit (its edition's), undefined for none. */
  maxQueueableStackDepth?(): number | undefined;
  /** The running Apex test, which takes the jobs enqueued while it runs (apex-test.ts). */
  testing?: TestJobCollector;
}

export class JobStore {
  private readonly insertQueue;
  private readonly nextDue;
  private readonly nextAny;
  private readonly deleteQueue;
  private readonly queuedRow;
  private readonly signatureQueued;
  private seq = 0;
  private readonly rows: JobRows;

  constructor(private readonly host: JobStoreHost) {
    const { db } = host;
    this.rows = new JobRows(host.records);
    this.insertQueue = db.prepare(
      'INSERT INTO emu_job_queue (job_id, class_name, state, not_before, seq, depth, max_depth, min_delay, failed_requeues, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.signatureQueued = db.prepare<[string], { job_id: string }>(
      'SELECT job_id FROM emu_job_queue WHERE signature = ? LIMIT 1',
    );
    this.nextDue = db.prepare<[number], QueueRow>(
      'SELECT * FROM emu_job_queue WHERE not_before <= ? ORDER BY not_before, seq LIMIT 1',
    );
    this.nextAny = db.prepare<[], { not_before: number }>(
      'SELECT not_before FROM emu_job_queue ORDER BY not_before, seq LIMIT 1',
    );
    this.deleteQueue = db.prepare('DELETE FROM emu_job_queue WHERE job_id = ?');
    this.queuedRow = db.prepare<[string], { job_id: string }>(
      'SELECT job_id FROM emu_job_queue WHERE job_id = ?',
    );
    const row = db
      .prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM emu_job_queue')
      .get();
    this.seq = row?.seq ?? 0;
  }

  /**
   * `System.enqueueJob(job[, delayInMinutes | options])` inside `tx`: returns the AsyncApexJob Id.
   * Checks the stack rules (queueable-stack.ts) and the duplicate signature: a job queued with the
   * same signature and not yet taken by the runner refuses the enqueue. While an Apex test runs,
   * the job goes to the test instead of the queue (apex-test.ts).
   */
  enqueue(tx: Transaction, instance: object, delayOrOptions: number | EnqueueOptions = 0): string {
    const registered = this.host.classes.classOf(instance);
    if (registered === undefined || !registered.implements.includes('Queueable')) {
      throw new ApexException(
        'System.AsyncException',
        'System.enqueueJob needs an instance of a class that implements Queueable',
      );
    }
    const options: EnqueueOptions =
      typeof delayOrOptions === 'number' ? { delayMinutes: delayOrOptions } : delayOrOptions;
    const plan = planEnqueue(tx, options, this.host.maxQueueableStackDepth?.());
    tx.limits.countQueueableJob();
    const signature = options.signature ?? null;
    if (signature !== null) this.assertNoDuplicate(tx, signature);

    const id = this.rows.insert(tx, {
      ApexClassId: this.host.apexClassId(registered),
      JobType: 'Queueable',
      Status: 'Queued',
      NumberOfErrors: 0,
      JobItemsProcessed: 0,
      TotalJobItems: 0,
      ParentJobId: tx.jobId ?? null,
    });

    const { stack } = plan;
    const state = serializeJobState(instance);
    const testing = this.host.testing;
    if (testing?.collects() === true) {
      testing.collect(tx, { id, className: registered.name, state, stack, signature });
      return id;
    }

    const notBefore = this.host.clock.now().getTime() + plan.delayMinutes * 60_000;
    this.insertQueue.run(
      id,
      registered.name,
      state,
      notBefore,
      ++this.seq,
      stack.depth,
      stack.maxDepth,
      stack.minDelayMinutes,
      stack.failedRequeues,
      signature,
    );
    tx.onCommit(() =>
      this.host.jobEnqueued?.({
        jobId: id,
        className: registered.name,
        notBefore: new Date(notBefore),
      }),
    );
    return id;
  }

  /**
   * Takes the next due job off the queue and marks it Processing (own small transaction). A job
   * whose class is no longer installed is marked Failed on the way, and the next one is taken.
   */
  takeNextDue(tx: Transaction): TakenJob | undefined {
    for (;;) {
      const row = this.nextDue.get(this.host.clock.now().getTime());
      if (row === undefined) return undefined;
      const registered = this.host.classes.find(row.class_name);

      tx.beginWrite();
      this.deleteQueue.run(row.job_id);
      if (registered === undefined) {
        this.setStatus(
          tx,
          row.job_id,
          'Failed',
          `System.TypeException: class ${row.class_name} is not installed in this org`,
        );
        continue;
      }
      this.setStatus(tx, row.job_id, 'Processing');
      return {
        id: row.job_id,
        registered,
        instance: restoreJobState(registered.type, row.state),
        depth: row.depth,
        stack: stackOf(row),
      };
    }
  }

  /**
   * `System.abortJob(jobId)` for a queued job, inside `tx`: it leaves the queue and its
   * AsyncApexJob row becomes Aborted. A job that is running or finished cannot be aborted.
   */
  abort(tx: Transaction, jobId: string): void {
    if (this.host.testing?.abort(tx, jobId) === true) {
      this.setStatus(tx, jobId, 'Aborted');
      return;
    }
    if (this.queuedRow.get(jobId) === undefined) {
      throw new ApexException(
        'System.StringException',
        `Job ${jobId} is not queued (it is running, finished or unknown), so it cannot be aborted`,
      );
    }
    tx.beginWrite();
    this.deleteQueue.run(jobId);
    this.setStatus(tx, jobId, 'Aborted');
  }

  /**
   * `System.DuplicateMessageException` when a job with this signature is queued. Checked under
   * the write lock, so two processes cannot both pass it.
   */
  private assertNoDuplicate(tx: Transaction, signature: string): void {
    tx.beginWrite();
    const queued =
      this.signatureQueued.get(signature) !== undefined ||
      this.host.testing?.hasSignature(tx, signature) === true;
    if (queued) {
      throw new ApexException(
        'System.DuplicateMessageException',
        'Attempt to enqueue job with duplicate queueable signature',
      );
    }
  }

  /** The not-before time (epoch ms) of the earliest queued job, due or not. */
  earliestQueued(): number | undefined {
    return this.nextAny.get()?.not_before;
  }

  /** Sets a job's status; Completed and Failed also set CompletedDate (and the error count). */
  setStatus(tx: Transaction, jobId: string, status: JobStatus, extendedStatus?: string): void {
    const finished = status === 'Completed' || status === 'Failed' || status === 'Aborted';
    this.rows.update(tx, jobId, {
      Status: status,
      ...(finished ? { CompletedDate: this.host.clock.now() } : {}),
      ...(status === 'Failed'
        ? { NumberOfErrors: 1, ExtendedStatus: (extendedStatus ?? '').slice(0, 255) }
        : {}),
    });
  }
}

/** A queued job's stack, from its queue row (one queued by an older aflo-emu has no options). */
function stackOf(row: QueueRow): JobStack {
  return {
    depth: row.depth,
    maxDepth: row.max_depth ?? null,
    minDelayMinutes: row.min_delay ?? null,
    failedRequeues: row.failed_requeues ?? 0,
  };
}
