/**
 * The package's queueable stacks, which must drain in every edition: in a Developer Edition org
 * a stack stops at depth 5 (the first job and 4 chained ones), in production it never does.
 *
 * Every job the package enqueues sets `MaximumQueueableStackDepth` to 5 (`jobOptions`), so each
 * job knows through `AsyncInfo` where its stack stands, in any edition. A job whose stack is
 * full (`stackIsFull`) does not chain its continuation: it attaches `AFLO.StackRestartFinalizer`
 * (`restartOnFreshStack`), which runs after the job commits and enqueues the continuation there,
 * where a job starts a new stack at depth 1. One continuation per job, as one enqueue per job:
 * once one is handed to the finalizer, the job may start nothing else (`restartPending`).
 * See docs/async-events.md.
 */
import { AsyncInfo, Statics, System, type AsyncOptions } from '../../emulator/apex-api.ts';
import { StackRestartFinalizer, type StackRestart } from '../classes/stack-restart-finalizer.ts';

/** The depth every package stack keeps to: a Developer Edition org's, which fits them all. */
export const STACK_DEPTH = 5;

const RESTART = 'AFLO.stackRestart';

/** The AsyncOptions of every job the package enqueues: its stack depth, and its delay. */
export function jobOptions(delayMinutes = 0): Partial<AsyncOptions> {
  return {
    MaximumQueueableStackDepth: STACK_DEPTH,
    MinimumQueueableDelayInMinutes: delayMinutes === 0 ? null : delayMinutes,
  };
}

/** Whether a job enqueued from here would be deeper than the running job's stack allows. */
export function stackIsFull(): boolean {
  const max = AsyncInfo.getMaximumQueueableStackDepth();
  return max !== null && AsyncInfo.getCurrentQueueableStackDepth() >= max;
}

/** Whether this job has handed a continuation to its finalizer already. */
export function restartPending(): boolean {
  return Statics.get<boolean>(RESTART) === true;
}

/**
 * Has `restart` happen after this job, from a new stack; false when the job has handed one over
 * already (it then starts nothing more, as after its one enqueue).
 */
export function restartOnFreshStack(restart: StackRestart): boolean {
  if (restartPending()) return false;
  System.attachFinalizer(new StackRestartFinalizer(restart));
  Statics.set(RESTART, true);
  return true;
}
