/**
 * Chains: one queueable per AFLO object type processes that type's events, one event per job,
 * re-enqueuing itself while events of its type are due. At most one chain per type is active,
 * ever: the chain holds the `AFLO__ActiveChain__c` record of its type (unique on the type), and
 * a chain is only started when that record is absent or points at a job that has ended.
 *
 * Cross-type order (our design; see docs/async-events.md): customer promotions point at a
 * customer and a promotion, so the CustomerPromotion chain starts only when the Customer and
 * Promotion types are idle: no active chain, no unfinished event and no download job queued or
 * running. A Customer or Promotion chain that ends uses its one child enqueue to start the
 * CustomerPromotion chain when that has become possible.
 *
 * A chain whose job is delayed (waiting for a retry) and sees an event that is due sooner — a
 * new change, a manual retry — aborts that job and enqueues one that runs when the event is
 * due, so a failure never holds back the rest of its type's changes.
 *
 * Every chain job is enqueued with the package's stack depth (fresh-stack.ts); a job whose stack
 * is full hands its continuation to a finalizer, which starts the chain again on a new stack.
 */
import { Database, Limits, System, sobject, type QueryRecord } from '../../emulator/apex-api.ts';
import type { AfloObjectType } from '../mapping/index.ts';
import { earliestUnfinished } from './async-event.ts';
import { AsyncEventQueueable } from '../classes/async-event-queueable.ts';
import { jobOptions, restartOnFreshStack, restartPending, stackIsFull } from './fresh-stack.ts';

const ACTIVE_CHAIN = 'AFLO__ActiveChain__c';

/** The types whose events must all be applied before this type's chain may start. */
export const DEPENDS_ON: Readonly<Record<AfloObjectType, readonly AfloObjectType[]>> = {
  Customer: [],
  Promotion: [],
  ProductItem: [],
  CustomerPromotion: ['Customer', 'Promotion'],
};

/** The download jobs that write events of a type (their events are not written yet while they run). */
const DOWNLOADERS: Readonly<Record<AfloObjectType, readonly string[]>> = {
  Customer: ['CustomerDownloadQueueable'],
  Promotion: ['PromotionDownloadQueueable'],
  ProductItem: ['ProductItemDownloadQueueable'],
  CustomerPromotion: ['CustomerDownloadQueueable'],
};

function chainRecord(objectType: AfloObjectType): QueryRecord | undefined {
  const [record] = Database.query(
    `SELECT Id, AFLO__Job__c, AFLO__Job__r.Status, AFLO__RunsAt__c FROM ${ACTIVE_CHAIN} WHERE AFLO__ObjectType__c = :objectType`,
    { objectType },
  );
  return record;
}

function isLive(record: QueryRecord | undefined): boolean {
  const job = record?.AFLO__Job__r as QueryRecord | null | undefined;
  return job?.Status === 'Queued' || job?.Status === 'Processing';
}

function downloadsRunning(objectType: AfloObjectType): boolean {
  return (
    Database.countQuery(
      `SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.NamespacePrefix = 'AFLO' AND ApexClass.Name IN :names AND Status IN ('Queued', 'Processing')`,
      { names: [...DOWNLOADERS[objectType]] },
    ) > 0
  );
}

/** Whether a type has nothing left to do; `ending` is a chain that is finishing right now. */
function isIdle(objectType: AfloObjectType, ending?: AfloObjectType): boolean {
  if (objectType !== ending && isLive(chainRecord(objectType))) return false;
  return earliestUnfinished(objectType) === undefined && !downloadsRunning(objectType);
}

/**
 * Starts the chain of a type unless one is active, its parents are busy or it has nothing to do.
 * Uses one enqueue. Returns the new job's Id, or undefined when no chain was started now: also
 * when the running job's stack is full and its finalizer will start the chain instead.
 *
 * A transaction that may enqueue no more jobs (a queueable that has used its one) starts none:
 * a chain already live takes the events anyway, and otherwise the next write or the next runner
 * start (restartStalledChains) starts one.
 */
export function startChain(
  objectType: AfloObjectType,
  ending?: AfloObjectType,
): string | undefined {
  if (Limits.getQueueableJobs() >= Limits.getLimitQueueableJobs() || restartPending()) {
    return undefined;
  }
  if (DEPENDS_ON[objectType].some((parent) => !isIdle(parent, ending))) return undefined;
  const existing = chainRecord(objectType);
  const due = earliestUnfinished(objectType);
  if (due === undefined) return undefined;
  if (isLive(existing)) return bringForward(objectType, existing, due);
  if (stackIsFull()) {
    restartOnFreshStack({ chain: objectType });
    return undefined;
  }

  const delay = delayMinutes(due);
  const jobId = System.enqueueJob(new AsyncEventQueueable(objectType), jobOptions(delay));
  holdChain(objectType, existing, jobId, delay);
  return jobId;
}

/**
 * A live chain whose queued job runs later than `due` gets a job that runs in time instead.
 * Returns the new job's Id, or undefined when the chain's job is already soon enough.
 */
function bringForward(
  objectType: AfloObjectType,
  chain: QueryRecord | undefined,
  due: Date,
): string | undefined {
  const job = chain?.AFLO__Job__r as QueryRecord | null | undefined;
  const runsAt = chain?.AFLO__RunsAt__c;
  if (chain === undefined || job?.Status !== 'Queued' || !(runsAt instanceof Date))
    return undefined;
  const delay = delayMinutes(due);
  if (runsAt.getTime() <= startOf(delay).getTime()) return undefined;
  if (stackIsFull()) {
    restartOnFreshStack({ chain: objectType });
    return undefined;
  }

  System.abortJob(String(chain.AFLO__Job__c));
  const jobId = System.enqueueJob(new AsyncEventQueueable(objectType), jobOptions(delay));
  holdChain(objectType, chain, jobId, delay);
  return jobId;
}

/**
 * Called at the end of each chain job: re-enqueue for the next due event (at once, or delayed
 * until a retry is due), or end the chain and start a dependent type's chain if it can start now.
 * A job whose stack is full keeps the chain's record (its job ends, so the chain is not live)
 * and leaves the next job to its finalizer.
 */
export function continueChain(objectType: AfloObjectType, job: object): void {
  const due = earliestUnfinished(objectType);
  const chain = chainRecord(objectType);

  if (due !== undefined) {
    if (stackIsFull()) {
      restartOnFreshStack({ chain: objectType });
      return;
    }
    const delay = delayMinutes(due);
    const child = System.enqueueJob(job, jobOptions(delay));
    holdChain(objectType, chain, child, delay);
    return;
  }

  if (chain !== undefined) Database.delete(ACTIVE_CHAIN, [String(chain.Id)]);
  for (const dependent of dependentsOf(objectType)) {
    if (startChain(dependent, objectType) !== undefined) return;
  }
}

/** Points the type's active-chain record at `jobId`, creating it if it is missing. */
function holdChain(
  objectType: AfloObjectType,
  chain: QueryRecord | undefined,
  jobId: string,
  delay: number,
): void {
  const fields = { AFLO__Job__c: jobId, AFLO__RunsAt__c: startOf(delay) };
  if (chain !== undefined) {
    Database.update([sobject(ACTIVE_CHAIN, { Id: String(chain.Id), ...fields })]);
    return;
  }
  Database.upsert(
    [sobject(ACTIVE_CHAIN, { AFLO__ObjectType__c: objectType, ...fields })],
    'AFLO__ObjectType__c',
  );
}

/** When a job enqueued now with this delay may start. */
function startOf(delayMinutes: number): Date {
  return new Date(System.now().getTime() + delayMinutes * 60_000);
}

function dependentsOf(objectType: AfloObjectType): AfloObjectType[] {
  return (Object.keys(DEPENDS_ON) as AfloObjectType[]).filter((type) =>
    DEPENDS_ON[type].includes(objectType),
  );
}

/** Minutes until `due`, rounded up, within the 0–10 minutes System.enqueueJob accepts. */
function delayMinutes(due: Date): number {
  const ms = due.getTime() - System.now().getTime();
  return Math.min(10, Math.max(0, Math.ceil(ms / 60_000)));
}

/**
 * Starts the chain of every type that has unfinished events and no live chain: run when a job
 * runner takes over the org (see OrgPackage.onRunnerStart), so a chain whose job died with its
 * process, or a download that failed before starting its chain, does not leave events Pending.
 */
export function restartStalledChains(): void {
  for (const objectType of Object.keys(DEPENDS_ON) as AfloObjectType[]) startChain(objectType);
}
