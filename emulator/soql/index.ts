/**
 * SOQL for the emulated org: parse with soql-parser-js, validate against the org's metadata,
 * translate to one parameterized SQLite statement (and one more per child subquery), run it and
 * shape the result as the query API does: records, AggregateResult rows, or a count. What differs
 * from a real org is listed in docs/fidelity.md.
 *
 * ```ts
 * const result = query(db, 'SELECT Id, Name FROM Account WHERE Name LIKE :p', schema, {
 *   binds: { p: 'Acme%' },
 * });
 * ```
 */
import type Database from 'better-sqlite3';

import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import { compileSoql } from './compile.ts';
import { runQuery } from './run.ts';
import type { QueryResult, RunOptions, SoqlOptions } from './types.ts';

export { compileSoql, MAX_OFFSET } from './compile.ts';
export { runQuery } from './run.ts';
export type {
  ChildOutput,
  ChildQuery,
  CompiledQuery,
  FieldOutput,
  OutputEntry,
  ParentOutput,
  QueryRecord,
  QueryResult,
  RecordAttributes,
  RunOptions,
  SoqlOptions,
} from './types.ts';

/** Compiles and runs a SOQL query; see compileSoql for the errors it throws. */
export function query(
  db: Database.Database,
  soql: string,
  schema: SchemaRegistry,
  options: SoqlOptions & RunOptions = {},
): QueryResult {
  return runQuery(db, compileSoql(soql, schema, options), options);
}
