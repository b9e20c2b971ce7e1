/**
 * One run of a queueable, as its transactions see it: the job's place in its stack and the
 * stack's options (what `AsyncInfo` reports and what the job's own enqueue is checked against,
 * see queueable-stack.ts), and the finalizer `System.attachFinalizer` attached. The runner makes
 * one for the job's execute and another for its finalizer's transaction.
 */

/** What a queued job carries of its stack, stored with it in the queue. */
export interface JobStack {
  /** 1 for a job enqueued outside a queueable (or by a finalizer); its parent's + 1 when chained. */
  depth: number;
  /** The stack's `MaximumQueueableStackDepth`, inherited by chained jobs; null when none was set. */
  maxDepth: number | null;
  /** The `MinimumQueueableDelayInMinutes` this job was enqueued with; null when none. */
  minDelayMinutes: number | null;
  /**
   * Failed jobs in a row that a finalizer re-enqueued, ending with this job's enqueue: 0 for a
   * job enqueued by anything else (a success resets the count).
   */
  failedRequeues: number;
}

/** `System.ParentJobResult`: how the job a finalizer is attached to ended. */
export type ParentJobResult = 'SUCCESS' | 'UNHANDLED_EXCEPTION';

/** A stack of depth 1 with no options: a job enqueued outside any queueable. */
export const FRESH_STACK: JobStack = {
  depth: 1,
  maxDepth: null,
  minDelayMinutes: null,
  failedRequeues: 0,
};

export class QueueableRun {
  /** The finalizer the job's execute attached, if any (only the `job` role can attach). */
  finalizer: object | undefined;

  constructor(
    readonly jobId: string,
    readonly stack: JobStack,
    /** `job`: the queueable's execute; `finalizer`: its finalizer's transaction. */
    readonly role: 'job' | 'finalizer',
    /** Set for a run under `Test.stopTest()`: it may enqueue no job (one level only). */
    readonly underTest = false,
    /** For the `finalizer` role: how the job ended. */
    readonly jobResult?: ParentJobResult,
  ) {}
}
