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
 */
import { Database, System, sobject, type QueryRecord } from '../../emulator/apex-api.ts';
import type { AfloObjectType } from '../mapping/index.ts';
import { earliestUnfinished } from './async-event.ts';
import { AsyncEventQueueable } from '../classes/async-event-queueable.ts';

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
    `SELECT Id, AFLO__Job__c, AFLO__Job__r.Status FROM ${ACTIVE_CHAIN} WHERE AFLO__ObjectType__c = :objectType`,
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
 * Uses one enqueue. Returns the new job's Id, or undefined when no chain was started.
 */
export function startChain(
  objectType: AfloObjectType,
  ending?: AfloObjectType,
): string | undefined {
  if (DEPENDS_ON[objectType].some((parent) => !isIdle(parent, ending))) return undefined;
  const existing = chainRecord(objectType);
  if (isLive(existing)) return undefined;
  const due = earliestUnfinished(objectType);
  if (due === undefined) return undefined;

  const jobId = System.enqueueJob(new AsyncEventQueueable(objectType), delayMinutes(due));
  Database.upsert(
    [sobject(ACTIVE_CHAIN, { AFLO__ObjectType__c: objectType, AFLO__Job__c: jobId })],
    'AFLO__ObjectType__c',
  );
  return jobId;
}

/**
 * Called at the end of each chain job: re-enqueue for the next due event (at once, or delayed
 * until a retry is due), or end the chain and start a dependent type's chain if it can start now.
 */
export function continueChain(objectType: AfloObjectType, job: object): void {
  const due = earliestUnfinished(objectType);
  const chain = chainRecord(objectType);

  if (due !== undefined) {
    const child = System.enqueueJob(job, delayMinutes(due));
    holdChain(objectType, chain, child);
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
): void {
  if (chain !== undefined) {
    Database.update([sobject(ACTIVE_CHAIN, { Id: String(chain.Id), AFLO__Job__c: jobId })]);
    return;
  }
  Database.upsert(
    [sobject(ACTIVE_CHAIN, { AFLO__ObjectType__c: objectType, AFLO__Job__c: jobId })],
    'AFLO__ObjectType__c',
  );
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
