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

/** A record as the query API returns it; a parent record is nested under its relationship name. */
export interface QueryRecord {
  attributes: RecordAttributes;
  [field: string]: FieldValue | QueryRecord | null | RecordAttributes;
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

export type OutputEntry = FieldOutput | ParentOutput;

export interface CompiledQuery {
  /** The queried sObject type. */
  type: SObjectType;
  sql: string;
  params: SqlValue[];
  /** `SELECT COUNT()`: the statement returns one row holding the count. */
  countOnly: boolean;
  /** How row columns become record keys, in SELECT order. Column 0 is always the record's Id. */
  output: OutputEntry[];
}
