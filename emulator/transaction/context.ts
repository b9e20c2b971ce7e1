/**
 * Which transaction the running Apex code belongs to. Package code calls the ambient Apex API
 * (`Database.insert`, `System.enqueueJob`, …) as Apex does; the call finds its org and
 * transaction here, through AsyncLocalStorage, so concurrent chains each see their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Org } from '../org.ts';
import type { Transaction } from './transaction.ts';

export interface ApexScope {
  org: Org;
  transaction: Transaction;
  /** Lets go of the org lock; a callout calls it, then takes the lock back (see org-lock.ts). */
  release: () => void;
}

const storage = new AsyncLocalStorage<ApexScope>();

export function runInScope<T>(scope: ApexScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the running Apex code; throws when called outside any transaction. */
export function currentScope(): ApexScope {
  const scope = storage.getStore();
  if (scope === undefined) {
    throw new Error(
      'the Apex API was called outside an org transaction; run it through org.run…()',
    );
  }
  return scope;
}
