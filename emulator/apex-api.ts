/**
 * The Apex API for package code written in TypeScript: what Apex gets from `Database`, `System`,
 * `Limits` and `Http`. Each call acts on the org and transaction of the code that makes it
 * (found through transaction/context.ts), exactly as an Apex statement acts on its own
 * transaction. This module and its types are all a package may import from the emulator.
 */
import { ApexException } from './errors.ts';
import type { DmlOptions, SaveResult, UpsertResult } from './dml/results.ts';
import type { FieldValue } from './storage/codec.ts';
import type { SObjectRecord } from './storage/records.ts';
import type { QueryRecord } from './soql/index.ts';
import { currentScope } from './transaction/context.ts';
import { LIMITS } from './transaction/limits.ts';
import type { AsyncOptions } from './async/async-options.ts';
import { stopTestInScope } from './async/apex-test.ts';
import { attachFinalizer } from './async/finalizers.ts';

export { Http, HttpRequest, HttpResponse } from './callouts/http.ts';
export type {
  Queueable,
  QueueableContext,
  Schedulable,
  SchedulableContext,
} from './async/contexts.ts';
export type { Finalizer, FinalizerContext } from './async/finalizers.ts';
export type { ParentJobResult } from './async/queueable-run.ts';
export { AsyncOptions, QueueableDuplicateSignature } from './async/async-options.ts';
export type { TriggerContext, TriggerDefinition } from './dml/triggers.ts';
export type { ScheduledJob } from './schedule/scheduler.ts';
export type { SObjectRecord, StoredRecord } from './storage/records.ts';
export type { QueryRecord } from './soql/index.ts';
export type { SaveResult, UpsertResult } from './dml/results.ts';
export type { FieldValue } from './storage/codec.ts';
export { ApexException, DmlException } from './errors.ts';
export { Crypto, EncodingUtil, type DigestAlgorithm } from './apex-crypto.ts';
export type {
  ApexRestHandler,
  ApexRestResource,
  RestMethod,
  RestRequest,
  RestResponse,
} from './rest/apex-rest-resource.ts';

/** `new AFLO__Customer__c(Name = 'x')`: a record of a type, ready for DML. */
export function sobject(
  type: string,
  fields: Record<string, FieldValue | undefined> = {},
): SObjectRecord {
  return { attributes: { type }, ...fields };
}

function idsOf(idsOrRecords: Array<string | SObjectRecord>): string[] {
  return idsOrRecords.map((item) => (typeof item === 'string' ? item : String(item.Id)));
}

function dmlOptions(allOrNone: boolean): DmlOptions {
  return { allOrNone };
}

export const Database = {
  /** `insert records;` (allOrNone true) or `Database.insert(records, false)`. */
  insert(records: SObjectRecord[], allOrNone = true): SaveResult[] {
    const { org, transaction } = currentScope();
    return org.dml.insert(transaction, records, dmlOptions(allOrNone));
  },

  update(records: SObjectRecord[], allOrNone = true): SaveResult[] {
    const { org, transaction } = currentScope();
    return org.dml.update(transaction, records, dmlOptions(allOrNone));
  },

  /** `upsert records AFLO__CustomerId__c;`: by an external id field, or by Id when omitted. */
  upsert(records: SObjectRecord[], externalIdField = 'Id', allOrNone = true): UpsertResult[] {
    const { org, transaction } = currentScope();
    return org.dml.upsert(transaction, records, externalIdField, dmlOptions(allOrNone));
  },

  /** `delete records;` by record or Id; the records go to the recycle bin. */
  delete(
    type: string,
    idsOrRecords: Array<string | SObjectRecord>,
    allOrNone = true,
  ): SaveResult[] {
    const { org, transaction } = currentScope();
    return org.dml.delete(transaction, type, idsOf(idsOrRecords), dmlOptions(allOrNone));
  },

  /** `undelete records;`: brings records back from the recycle bin. */
  undelete(
    type: string,
    idsOrRecords: Array<string | SObjectRecord>,
    allOrNone = true,
  ): SaveResult[] {
    const { org, transaction } = currentScope();
    return org.dml.undelete(transaction, type, idsOf(idsOrRecords), dmlOptions(allOrNone));
  },

  /** `[SELECT … FROM … WHERE X = :x]`: binds by name; counts toward the SOQL query limit. */
  query(soql: string, binds: Record<string, FieldValue | FieldValue[]> = {}): QueryRecord[] {
    const { org, transaction } = currentScope();
    transaction.limits.countQuery();
    return org.query(soql, { binds }).records;
  },

  /** `Database.countQuery('SELECT COUNT() FROM …')`. */
  countQuery(soql: string, binds: Record<string, FieldValue | FieldValue[]> = {}): number {
    const { org, transaction } = currentScope();
    transaction.limits.countQuery();
    return org.query(soql, { binds }).totalSize;
  },
};

export const System = {
  /**
   * `System.enqueueJob(job)`, `(job, delayInMinutes)` (0–10) or `(job, options)` with
   * `AsyncOptions` (a duplicate signature, a maximum stack depth, a minimum delay). The job
   * exists once this transaction commits. Returns the AsyncApexJob Id.
   */
  enqueueJob(job: object, delayOrOptions: number | Partial<AsyncOptions> = 0): string {
    const { org, transaction } = currentScope();
    if (typeof delayOrOptions === 'number') {
      return org.jobs.enqueue(transaction, job, delayOrOptions);
    }
    return org.jobs.enqueue(transaction, job, {
      maxDepth: delayOrOptions.MaximumQueueableStackDepth ?? null,
      minDelayMinutes: delayOrOptions.MinimumQueueableDelayInMinutes ?? null,
      signature: delayOrOptions.DuplicateSignature?.toString() ?? null,
    });
  },

  /**
   * `System.attachFinalizer(finalizer)` inside a queueable's execute: the finalizer runs after the
   * job, in its own transaction, whether the job succeeds or fails. One per job.
   */
  attachFinalizer(finalizer: object | null): void {
    const { org, transaction } = currentScope();
    attachFinalizer(transaction, org.classes, finalizer);
  },

  /**
   * `System.abortJob(jobId)`: with a CronTrigger Id, deletes the scheduled job; with an
   * AsyncApexJob Id, aborts a queued job (Status `Aborted`). A job that is running or finished
   * cannot be aborted, nor a scheduled job by the AsyncApexJob Id of one of its firings
   * (System.StringException).
   */
  abortJob(jobId: string): void {
    const { org, transaction } = currentScope();
    if (org.scheduler.isScheduled(jobId)) org.scheduler.abort(transaction, jobId);
    else org.jobs.abort(transaction, jobId);
  },

  /**
   * `System.schedule(jobName, cronExpression, schedulable)`: schedules a Schedulable with a
   * Salesforce cron expression in the running user's time zone; returns the CronTrigger Id. The
   * job exists once this transaction commits.
   */
  schedule(jobName: string, cronExpression: string, schedulable: object): string {
    const { org, transaction } = currentScope();
    return org.scheduler.schedule(transaction, jobName, cronExpression, schedulable);
  },

  /** The org clock's now. */
  now(): Date {
    return currentScope().org.clock.now();
  },

  debug(message: unknown): void {
    const { org, transaction } = currentScope();
    const line =
      message === null || message === undefined
        ? 'null'
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    transaction.debugLog.push(`USER_DEBUG|[DEBUG]|${line}`);
    org.logger.debug({ component: 'apex', jobId: transaction.jobId }, line);
  },

  /** The AsyncApexJob Id of the running job, or null outside async Apex. */
  currentJobId(): string | null {
    return currentScope().transaction.jobId ?? null;
  },

  isQueueable(): boolean {
    return currentScope().transaction.kind === 'queueable';
  },
};

/** `System.AsyncInfo`: the running queueable's place in its stack (0 and nulls outside one). */
export const AsyncInfo = {
  getCurrentQueueableStackDepth(): number {
    const { transaction } = currentScope();
    return transaction.queueable?.role === 'job' ? transaction.queueableDepth : 0;
  },
  /** The stack's `MaximumQueueableStackDepth`; null when none was set. */
  getMaximumQueueableStackDepth(): number | null {
    return jobStack()?.maxDepth ?? null;
  },
  /** The `MinimumQueueableDelayInMinutes` the job was enqueued with; null when none. */
  getMinimumQueueableDelayInMinutes(): number | null {
    return jobStack()?.minDelayMinutes ?? null;
  },
  hasMaxStackDepth(): boolean {
    return (jobStack()?.maxDepth ?? null) !== null;
  },
};

function jobStack() {
  const run = currentScope().transaction.queueable;
  return run?.role === 'job' ? run.stack : undefined;
}

/**
 * `Test`: Apex tests on the org of the running transaction (emulator/async/apex-test.ts). A test
 * is begun by `org.testing.run(…)`; inside it, `Test.startTest()` gives the code up to
 * `Test.stopTest()` fresh limits and holds the jobs it enqueues, and `await Test.stopTest()` runs
 * them. A transaction that calls `stopTest` commits what it wrote before it (see
 * docs/fidelity.md).
 */
export const Test = {
  isRunningTest(): boolean {
    return currentScope().org.testing.isRunningTest;
  },
  startTest(): void {
    const { org, transaction } = currentScope();
    org.testing.startTest();
    transaction.limits.beginTestBlock();
  },
  stopTest(): Promise<void> {
    return stopTestInScope(currentScope());
  },
};

/**
 * Apex static variables of a package: values that live for the running transaction only, as a
 * class's statics do in Apex (a trigger's recursion guard, the "applying inbound" flag).
 */
export const Statics = {
  get<T>(name: string): T | undefined {
    return currentScope().transaction.statics.get(name) as T | undefined;
  },
  set(name: string, value: unknown): void {
    currentScope().transaction.statics.set(name, value);
  },
};

export const Limits = {
  getQueueableJobs: (): number => currentScope().transaction.limits.queueableJobs,
  getLimitQueueableJobs: (): number => currentScope().transaction.limits.queueableJobLimit,
  getCallouts: (): number => currentScope().transaction.limits.callouts,
  getLimitCallouts: (): number => LIMITS.callouts,
  getDmlStatements: (): number => currentScope().transaction.limits.dmlStatements,
  getLimitDmlStatements: (): number => LIMITS.dmlStatements,
  getDmlRows: (): number => currentScope().transaction.limits.dmlRows,
  getLimitDmlRows: (): number => LIMITS.dmlRows,
  getQueries: (): number => currentScope().transaction.limits.queries,
  getLimitQueries: (): number => currentScope().transaction.limits.queryLimit,
};

/**
 * Run-time values the org gives a package instead of its stored settings, the way a Named
 * Credential would: the CLI uses it to point the package at the fake Amberflo for one run.
 */
export const OrgEnvironment = {
  get(name: string): string | undefined {
    return currentScope().org.overrides.get(name);
  },
};

/** Throws the Apex exception `type` with a message; for package code that mirrors `throw new X()`. */
export function raise(type: string, message: string): never {
  throw new ApexException(type, message);
}
