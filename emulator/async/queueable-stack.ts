/**
 * The stack rules of `System.enqueueJob`: where the new job sits in its stack, the options it
 * inherits, and the platform's refusals.
 *
 * - A job enqueued outside a queueable starts a stack at depth 1. So does one a finalizer
 *   enqueues (the platform clears the stack for it; see docs/fidelity.md).
 * - A job chained from a queueable's execute is one deeper and inherits the stack's
 *   `MaximumQueueableStackDepth`; its own option can only lower it.
 * - The depth may not pass the stack's maximum or, when none is set, the org's (5 in a Developer
 *   edition org, none in production): `System.AsyncException: Maximum stack depth has been
 *   reached.` A job run by `Test.stopTest()` may chain nothing, with the same exception.
 * - A finalizer may re-enqueue after its job failed at most 5 times in a row; a success resets it.
 */
import { ApexException } from '../errors.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { JobStack } from './queueable-run.ts';

/** Consecutive failed jobs a finalizer may re-enqueue. */
export const MAX_FAILED_REQUEUES = 5;

/** `System.enqueueJob(job, delayInMinutes)` accepts 0 to this. */
export const MAX_DELAY_MINUTES = 10;

/** What the caller of `System.enqueueJob` asked for, checked by `planEnqueue`. */
export interface EnqueueRequest {
  delayMinutes?: number;
  maxDepth?: number | null;
  minDelayMinutes?: number | null;
}

export interface EnqueuePlan {
  stack: JobStack;
  /** Minutes until the job may run. */
  delayMinutes: number;
}

/** Checks an enqueue from `tx` against the stack rules; throws the platform's exceptions. */
export function planEnqueue(
  tx: Transaction,
  request: EnqueueRequest,
  orgMaxDepth: number | undefined,
): EnqueuePlan {
  const delayMinutes = checkedDelay(request.delayMinutes ?? 0, 'The delay');
  const minDelayMinutes =
    request.minDelayMinutes === undefined || request.minDelayMinutes === null
      ? null
      : checkedDelay(request.minDelayMinutes, 'MinimumQueueableDelayInMinutes');
  const requestedMax = checkedMaxDepth(request.maxDepth);
  const run = tx.queueable;
  if (run?.underTest === true) throw stackDepthReached();

  const chained = run?.role === 'job';
  const depth = tx.queueableDepth + 1;
  const maxDepth = lowest(chained ? run.stack.maxDepth : null, requestedMax);
  const limit = maxDepth ?? orgMaxDepth;
  if (limit !== undefined && depth > limit) throw stackDepthReached();

  const failedRequeues =
    run?.role === 'finalizer' && run.jobResult === 'UNHANDLED_EXCEPTION'
      ? run.stack.failedRequeues + 1
      : 0;
  if (failedRequeues > MAX_FAILED_REQUEUES) {
    throw new ApexException(
      'System.AsyncException',
      `A failed queueable job can be re-enqueued by its finalizer at most ${MAX_FAILED_REQUEUES} consecutive times`,
    );
  }

  return {
    stack: { depth, maxDepth, minDelayMinutes, failedRequeues },
    delayMinutes: Math.max(delayMinutes, minDelayMinutes ?? 0),
  };
}

/** `System.AsyncException: Maximum stack depth has been reached.` */
export function stackDepthReached(): ApexException {
  return new ApexException('System.AsyncException', 'Maximum stack depth has been reached.');
}

function checkedDelay(minutes: number, what: string): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_DELAY_MINUTES) {
    throw new ApexException(
      'System.AsyncException',
      `${what} must be between 0 and ${MAX_DELAY_MINUTES} minutes: ${minutes}`,
    );
  }
  return minutes;
}

function checkedMaxDepth(depth: number | null | undefined): number | null {
  if (depth === undefined || depth === null) return null;
  if (!Number.isInteger(depth) || depth < 1) {
    throw new ApexException(
      'System.AsyncException',
      `MaximumQueueableStackDepth must be a whole number of at least 1: ${depth}`,
    );
  }
  return depth;
}

function lowest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
