/**
 * What anonymous Apex needs from the org that runs it. The compiler resolves classes, sObject
 * types and inline queries; the evaluator also queries, saves records, enqueues jobs and writes
 * debug lines. Nothing here knows about storage, so any host (the org, a test) can provide it.
 */

import type { AsyncOptions } from '../async/async-options.ts';
import type { AnonymousProgram } from './ir.ts';
import type { LimitName } from './limit-names.ts';
import type { PrimitiveName } from './static-types.ts';

/**
 * A value as anonymous Apex holds it: String, Id and Date as strings (`2026-01-31`), numbers,
 * booleans, Datetime as a JS Date, records as `ApexRecord`, List as an array, Set and Map as JS
 * Set and Map, class instances as objects.
 */
export type ApexValue = string | number | boolean | null | object;

/** An sObject record as a script holds it: canonical field names, its type in `attributes`. */
export interface ApexRecord {
  attributes: { type: string; url?: string };
  [field: string]: unknown;
}

/** A class the script may reference, as the host resolves it (names are case-insensitive in Apex). */
export interface ApexClassRef {
  /** Canonical name, namespace included, e.g. `AFLO.DownloadScheduler`. */
  apexName: string;
  /** Instance method names (canonical case) and their parameter counts; key = lower-case name. */
  methods: ReadonlyMap<string, { arity: number }>;
  /** A new instance; only no-argument constructors are called for now. */
  construct(args: ApexValue[]): object;
}

/** A field of an sObject type, as the compiler checks field names and assignments against it. */
export interface SObjectFieldRef {
  /** Canonical API name, e.g. `AFLO__CustomerId__c`. */
  readonly name: string;
  /** The Apex type of its values: `String` for text and picklists, `Id` for lookups. */
  readonly type: PrimitiveName;
  /** False for fields only the platform sets (`CreatedDate`, an auto-number `Name`). */
  readonly writable: boolean;
  /** Whether `upsert` may match on it (an external id, or `Id`). */
  readonly upsertKey: boolean;
}

/** An sObject type of the org (`AFLO__Customer__c`), names case-insensitive. */
export interface SObjectTypeRef {
  /** Canonical API name. */
  readonly name: string;
  field(name: string): SObjectFieldRef | undefined;
  /** A parent relationship (`AFLO__Customer__r`) and the sObject type it points to. */
  relationship(name: string): { readonly name: string; readonly referenceTo: string } | undefined;
}

/** What an inline query selects, or the platform's problem with it. */
export type QueryShape =
  | {
      readonly ok: true;
      readonly sObjectType: string;
      readonly countOnly: boolean;
      /** A valid query anonymous Apex can't run yet (`aggregate query`), or null. */
      readonly unsupported: string | null;
    }
  | { readonly ok: false; readonly problem: string };

/** Bind values of one query, by the names the compiled query text uses. */
export type QueryBinds = Record<string, ApexValue>;

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

/** One DML statement or `Database.*` call. */
export interface DmlRequest {
  readonly operation: DmlOperation;
  readonly records: readonly ApexRecord[];
  readonly allOrNone: boolean;
  /** `upsert records Field__c;`: the field to match on; `Id` when the script names none. */
  readonly externalIdField: string;
}

/** The outcome for one record of a DML request. */
export interface DmlRowResult {
  readonly id: string | null;
  readonly success: boolean;
  /** Upsert only: whether the record was inserted. */
  readonly created: boolean;
  readonly errors: ReadonlyArray<{
    readonly statusCode: string;
    readonly message: string;
    readonly fields: readonly string[];
  }>;
}

/** The org side of an anonymous Apex run. */
export interface AnonymousApexHost {
  /** The class with this name as written (`AFLO.DownloadScheduler`, `aflo.downloadscheduler`). */
  resolveClass(name: string): ApexClassRef | undefined;
  /** The sObject type with this name, in any case. */
  resolveSObject(name: string): SObjectTypeRef | undefined;
  /** Checks an inline query's text as the platform compiles it; binds are `:name`s. */
  describeQuery(soql: string, bindNames: readonly string[]): QueryShape;
  /** Runs a query the compiler described; counts toward the SOQL limit. */
  query(soql: string, binds: QueryBinds): ApexRecord[];
  /** Runs a `SELECT COUNT()` query the compiler described. */
  count(soql: string, binds: QueryBinds): number;
  /**
   * Saves records as package code does (triggers, limits, rollback of the statement). Throws a
   * `System.DmlException` when `allOrNone` and a record fails.
   */
  dml(request: DmlRequest): DmlRowResult[];
  /**
   * `System.enqueueJob(job[, delayInMinutes | options])`: queues the instance and answers the
   * job Id; may throw ApexException.
   */
  enqueueJob(instance: object, delayOrOptions: number | AsyncOptions): string;
  /** `System.schedule(name, cron, instance)`: answers the CronTrigger Id. */
  schedule(name: string, cronExpression: string, instance: object): string;
  /** `System.abortJob(id)`. */
  abortJob(jobId: string): void;
  /** `Limits.getQueries()` and friends. */
  limit(name: LimitName): number;
  /** The org clock's now (`System.now()`). */
  now(): Date;
  /** `System.debug`: one debug log line at a LoggingLevel (`DEBUG`, `INFO`, …). */
  debug(level: string, message: string): void;
}

/** What the compiler asks of a host: names and query shapes, nothing that runs. */
export type CompileHost = Pick<
  AnonymousApexHost,
  'resolveClass' | 'resolveSObject' | 'describeQuery'
>;

/** The outcome of compiling a script: a program to run, or the first problem (1-based position). */
export type CompileResult =
  | { compiled: true; program: AnonymousProgram }
  | { compiled: false; line: number; column: number; problem: string };
