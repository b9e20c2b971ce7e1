/**
 * `AFLO.StackRestartFinalizer`: the continuation of a job whose queueable stack is full (see
 * events/fresh-stack.ts), run after the job as its finalizer, whose one enqueue starts a new
 * stack. It starts the type's chain again (`startChain` finds the events still due and takes the
 * chain over), or enqueues the next page of the customer download.
 *
 * After a job that failed, a chain is started again all the same (its events are still due and
 * `startChain` never starts a second chain), but the download stops, as a failed page always has.
 */
import { System, type Finalizer, type FinalizerContext } from '../../emulator/apex-api.ts';
import { startChain } from '../events/chains.ts';
import { jobOptions } from '../events/fresh-stack.ts';
import type { AfloObjectType } from '../mapping/index.ts';
import { CustomerDownloadQueueable } from './download-queueables.ts';

/** What to do from the new stack. */
export type StackRestart = { chain: AfloObjectType } | { customerPage: number };

export class StackRestartFinalizer implements Finalizer {
  readonly chain: AfloObjectType | null;
  readonly customerPage: number | null;

  constructor(restart?: StackRestart) {
    this.chain = restart !== undefined && 'chain' in restart ? restart.chain : null;
    this.customerPage =
      restart !== undefined && 'customerPage' in restart ? restart.customerPage : null;
  }

  execute(context: FinalizerContext): void {
    if (this.chain !== null) {
      startChain(this.chain);
      return;
    }
    if (this.customerPage !== null && context.getResult() === 'SUCCESS') {
      System.enqueueJob(new CustomerDownloadQueueable(this.customerPage), jobOptions());
    }
  }
}
