/**
 * The SOQL module's public shapes: options, the compiled statement, and the query result as the
 * REST API returns it (`{ totalSize, done, records }`, each record with `attributes`).
 */
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue, SqlValue } from '../storage/codec.ts';

export interface SoqlOptions {
  /** Values for `:name` bind variables (Apex); arrays for IN. Names are case-insensitive. */
  binds?: Record<string, FieldValue | FieldValue[]>;
  /** queryAll / ALL ROWS: include records with IsDeleted = true. Default false. */
  includeDeleted?: boolean;
  /** The org clock's now, for date literals (TODAY, LAST_N_DAYS:n, …), in UTC. Default: the wall clock. */
  now?: Date;
}

export interface RunOptions {
  /** API version of the record URLs, `62.0` by default. */
  apiVersion?: string;
}

export interface RecordAttributes {
  type: string;
  url?: string;
}

/**
 * A record as the query API returns it: a parent record is nested under its relationship name,
 * a child subquery's records under the child relationship name (a QueryResult, or null without
 * children). An aggregate query's rows are records of type `AggregateResult`, without a url.
 */
export interface QueryRecord {
  attributes: RecordAttributes;
  [field: string]: FieldValue | QueryRecord | QueryResult | null | RecordAttributes;
}

export interface QueryResult {
  /** Rows returned (LIMIT applied), or the count for `SELECT COUNT()`. */
  totalSize: number;
  done: true;
  /** Empty for `SELECT COUNT()`. */
  records: QueryRecord[];
}

/** A selected field: the value in column `column` of a row goes under `key`. */
export interface FieldOutput {
  kind: 'field';
  /** Canonical API name. */
  key: string;
  field: FieldDefinition;
  column: number;
}

/** A parent record nested under `key`; null when the row has no parent (`idColumn` is null). */
export interface ParentOutput {
  kind: 'parent';
  /** Canonical relationship name. */
  key: string;
  type: SObjectType;
  idColumn: number;
  fields: FieldOutput[];
}

/** A child relationship subquery's records, nested under `key` on each parent record. */
export interface ChildOutput {
  kind: 'children';
  /** Canonical child relationship name (`AFLO__CustomerPromotions__r`). */
  key: string;
  query: ChildQuery;
}

/**
 * A child subquery compiled to one statement for all the parent records: its first parameter,
 * before `params`, is the JSON array of the parents' Ids.
 */
export interface ChildQuery {
  /** The child sObject type. */
  type: SObjectType;
  sql: string;
  params: SqlValue[];
  /** The column holding the child's lookup: which parent a row belongs to. */
  parentColumn: number;
  /** As CompiledQuery.output: column 0 is the child record's Id. */
  output: Array<FieldOutput | ParentOutput>;
}

export type OutputEntry = FieldOutput | ParentOutput | ChildOutput;

export interface CompiledQuery {
  /** The queried sObject type. */
  type: SObjectType;
  sql: string;
  params: SqlValue[];
  /** `SELECT COUNT()`: the statement returns one row holding the count. */
  countOnly: boolean;
  /**
   * GROUP BY or aggregate functions: each row is an AggregateResult, its output a flat list of
   * fields keyed by alias, field name or `expr0`, `expr1`, …, and there is no Id column.
   */
  aggregate: boolean;
  /**
   * How row columns become record keys, in SELECT order. Column 0 is the record's Id, except in
   * an aggregate query.
   */
  output: OutputEntry[];
}
