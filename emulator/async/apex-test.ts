/**
 * Apex tests on an org: what `Test.isRunningTest()`, `Test.startTest()` and `Test.stopTest()`
 * act on. While a test runs, every job enqueued on the org is taken by the test instead of the
 * queue (its AsyncApexJob row says Queued). `stopTest` runs, one after the other, the jobs
 * enqueued between `startTest` and `stopTest`, each as its own transaction with its finalizer,
 * and none of them may chain a job (`System.AsyncException: Maximum stack depth has been
 * reached.`); a scheduled job created in between runs once, whatever its cron expression. Jobs
 * enqueued before `startTest`, after `stopTest` or by a job `stopTest` runs never run: the test's
 * end marks them Aborted.
 *
 * Two ways in, the same rules: TypeScript tests call `org.testing.run(async (test) => …)` with
 * `test.startTest()` and `await test.stopTest()` between transactions; package code calls the
 * Apex API's `Test` (apex-api.ts) inside one.
 */
import { ApexException } from '../errors.ts';
import type { Org } from '../org.ts';
import type { ApexScope } from '../transaction/context.ts';
import type { Transaction } from '../transaction/transaction.ts';
import { runJob } from './job-execution.ts';
import { restoreJobState } from './job-state.ts';
import type { TakenJob } from './job-store.ts';
import type { JobStack } from './queueable-run.ts';

/** A job enqueued while a test runs, as the job store hands it over. */
export interface CollectedJob {
  id: string;
  className: string;
  state: string;
  stack: JobStack;
  signature: string | null;
}

/** The job store's side of a running test (job-store.ts). */
export interface TestJobCollector {
  /** Whether an enqueue now goes to the test instead of the queue. */
  collects(): boolean;
  /** Takes a job enqueued inside `tx`; it is the test's once `tx` commits. */
  collect(tx: Transaction, job: CollectedJob): void;
  /** Whether a job with this signature waits in the test (committed, or enqueued in `tx`). */
  hasSignature(tx: Transaction, signature: string): boolean;
  /** `System.abortJob` of a job the test holds: true when it was one (it is dropped). */
  abort(tx: Transaction, jobId: string): boolean;
}

export interface StopTestReport {
  /** Queueables run. */
  jobsRun: number;
  completed: number;
  failed: number;
  /** Scheduled jobs run once. */
  scheduledRun: number;
}

type Phase = 'idle' | 'running' | 'started' | 'stopping' | 'stopped';

interface HeldJob extends CollectedJob {
  /** Enqueued between startTest and stopTest: stopTest runs it. */
  runsAtStop: boolean;
}

export class ApexTestContext implements TestJobCollector {
  private phase: Phase = 'idle';
  private held: HeldJob[] = [];
  private readonly uncommitted = new WeakMap<Transaction, HeldJob[]>();
  private scheduled: string[] = [];
  private stopListening: (() => void) | undefined;

  constructor(private readonly org: Org) {}

  /** `Test.isRunningTest()`. */
  get isRunningTest(): boolean {
    return this.phase !== 'idle';
  }

  /** Starts an Apex test on the org (`Test.isRunningTest()` is true until `end`). */
  begin(): void {
    if (this.phase !== 'idle') throw new Error('an Apex test is already running on this org');
    this.phase = 'running';
    this.held = [];
    this.scheduled = [];
  }

  /** Ends the test: the jobs it held and did not run become Aborted. */
  async end(): Promise<void> {
    if (this.phase === 'idle') return;
    this.stopListening?.();
    this.stopListening = undefined;
    const left = this.held.map((job) => job.id);
    this.held = [];
    this.phase = 'idle';
    if (left.length === 0) return;
    await this.org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      for (const id of left) this.org.jobs.setStatus(tx, id, 'Aborted');
    });
  }

  /** Runs `work` as one Apex test: `begin`, then `end` whatever happens. */
  async run<T>(work: (test: ApexTestContext) => Promise<T> | T): Promise<T> {
    this.begin();
    try {
      return await work(this);
    } finally {
      await this.end();
    }
  }

  /** `Test.startTest()`: jobs enqueued from now until `stopTest` run at `stopTest`. */
  startTest(): void {
    this.assertRunning('Test.startTest()');
    if (this.phase !== 'running') {
      throw new ApexException('System.FinalException', 'Testing already started');
    }
    this.phase = 'started';
    const onScheduled = (job: { cronTriggerId: string }): void => {
      this.scheduled.push(job.cronTriggerId);
    };
    this.org.events.on('jobs:scheduled', onScheduled);
    this.stopListening = () => this.org.events.off('jobs:scheduled', onScheduled);
  }

  /** Throws unless `stopTest` may be called now (before anything is committed for it). */
  assertCanStop(): void {
    this.assertRunning('Test.stopTest()');
    if (this.phase === 'running') {
      throw new ApexException('System.FinalException', 'Testing has not started');
    }
    if (this.phase !== 'started') {
      throw new ApexException('System.FinalException', 'Testing already stopped');
    }
  }

  /**
   * `Test.stopTest()`: runs the jobs enqueued since `startTest` (call it outside any transaction;
   * the Apex API's `Test.stopTest()` lets go of its own first), then each scheduled job created
   * since then, once.
   */
  async stopTest(): Promise<StopTestReport> {
    this.assertCanStop();
    this.phase = 'stopping';
    this.stopListening?.();
    this.stopListening = undefined;
    const report: StopTestReport = { jobsRun: 0, completed: 0, failed: 0, scheduledRun: 0 };

    try {
      const toRun = this.held.filter((job) => job.runsAtStop);
      this.held = this.held.filter((job) => !job.runsAtStop);
      for (const job of toRun) {
        const taken = await this.take(job);
        if (taken === undefined) continue;
        report.jobsRun++;
        if (await runJob(this.org, taken)) report.completed++;
        else report.failed++;
      }
      for (const cronTriggerId of this.scheduled.splice(0)) {
        const taken = await this.org.run({ kind: 'system', allowsCallouts: false }, (tx) =>
          this.org.scheduler.fireNow(tx, cronTriggerId),
        );
        if (taken === undefined) continue;
        report.scheduledRun++;
        await runJob(this.org, taken);
      }
    } finally {
      this.phase = 'stopped';
    }
    return report;
  }

  collects(): boolean {
    return this.phase !== 'idle';
  }

  collect(tx: Transaction, job: CollectedJob): void {
    const held: HeldJob = { ...job, runsAtStop: this.phase === 'started' };
    const pending = this.uncommitted.get(tx) ?? [];
    pending.push(held);
    this.uncommitted.set(tx, pending);
    tx.onCommit(() => {
      this.held.push(held);
      pending.splice(pending.indexOf(held), 1);
    });
  }

  hasSignature(tx: Transaction, signature: string): boolean {
    const pending = this.uncommitted.get(tx) ?? [];
    return [...this.held, ...pending].some((job) => job.signature === signature);
  }

  abort(tx: Transaction, jobId: string): boolean {
    if (!this.held.some((job) => job.id === jobId)) return false;
    tx.onCommit(() => {
      this.held = this.held.filter((job) => job.id !== jobId);
    });
    return true;
  }

  /** Marks a held job Processing and restores it for the runner. */
  private async take(job: HeldJob): Promise<TakenJob | undefined> {
    const registered = this.org.classes.find(job.className);
    return this.org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      if (registered === undefined) {
        const detail = `System.TypeException: class ${job.className} is not installed in this org`;
        this.org.jobs.setStatus(tx, job.id, 'Failed', detail);
        return undefined;
      }
      this.org.jobs.setStatus(tx, job.id, 'Processing');
      return {
        id: job.id,
        registered,
        instance: restoreJobState(registered.type, job.state),
        depth: job.stack.depth,
        stack: job.stack,
        underTest: true,
      };
    });
  }

  private assertRunning(method: string): void {
    if (this.phase === 'idle') {
      throw new ApexException(
        'System.FinalException',
        `${method} can only be called while an Apex test runs`,
      );
    }
  }
}

/**
 * The Apex API's `Test.stopTest()`, called inside the transaction of `scope`: what it wrote so far
 * is committed (so the jobs see it), its `startTest` limits end, the org lock is let go while the
 * jobs run, as for a callout, and taken back; the transaction then carries on.
 */
export async function stopTestInScope(scope: ApexScope): Promise<void> {
  const { org, transaction } = scope;
  org.testing.assertCanStop();
  if (transaction.triggerDepth > 0) {
    throw new ApexException(
      'System.FinalException',
      'Test.stopTest() cannot be called from a trigger',
    );
  }

  transaction.limits.endTestBlock();
  transaction.commitSoFar();
  scope.release();
  try {
    await org.testing.stopTest();
  } finally {
    scope.release = await org.lock.acquire();
  }
}
