/**
 * Runs a compiled query and maps its rows to the query API's records.
 *
 * Rows are read as arrays (better-sqlite3 `raw` mode) and mapped by the compiled output plan;
 * values are decoded with the storage codec, so datetimes come back as Date objects. Prepared
 * statements are kept per database in a small LRU, since the same few queries run again and again.
 */
import type Database from 'better-sqlite3';

import { fromSql, type SqlValue } from '../storage/codec.ts';
import { SalesforceError } from '../errors.ts';
import { LruCache } from './lru-cache.ts';
import type { CompiledQuery, FieldOutput, QueryRecord, QueryResult, RunOptions } from './types.ts';

type Statement = Database.Statement<SqlValue[], unknown[]>;

const DEFAULT_API_VERSION = '62.0';
const statementsByDatabase = new WeakMap<Database.Database, LruCache<string, Statement>>();

export function runQuery(
  db: Database.Database,
  compiled: CompiledQuery,
  options: RunOptions = {},
): QueryResult {
  if (compiled.params.length > MAX_PARAMETERS) {
    throw new SalesforceError(
      'QUERY_TOO_COMPLICATED',
      `The query binds ${compiled.params.length} values; aflo-emu (SQLite) takes at most ${MAX_PARAMETERS}: split the IN list`,
    );
  }
  const statement = sqlite(() => prepare(db, compiled.sql));
  if (compiled.countOnly) {
    const row = sqlite(() => statement.get(...compiled.params));
    return { totalSize: Number(row?.[0] ?? 0), done: true, records: [] };
  }

  const rows = sqlite(() => statement.all(...compiled.params));
  const version = (options.apiVersion ?? DEFAULT_API_VERSION).replace(/^v/, '');
  const baseUrl = `/services/data/v${version}/sobjects/`;
  const records = rows.map((row) => toRecord(row, compiled, baseUrl));
  return { totalSize: records.length, done: true, records };
}

/** SQLite's own limit on the parameters of one statement. */
const MAX_PARAMETERS = 32_766;

/**
 * A query SQLite refuses although SOQL accepts it (too deep an expression, a LIMIT beyond its
 * integers) is QUERY_TOO_COMPLICATED with SQLite's reason, not a raw SQLite error. Errors that are
 * not SQLite's (the database being locked is one) pass through.
 */
function sqlite<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      error instanceof Error &&
      code !== undefined &&
      code.startsWith('SQLITE_') &&
      code !== 'SQLITE_BUSY' &&
      code !== 'SQLITE_LOCKED'
    ) {
      throw new SalesforceError(
        'QUERY_TOO_COMPLICATED',
        `aflo-emu cannot run this query: ${error.message} (see docs/fidelity.md)`,
      );
    }
    throw error;
  }
}

function prepare(db: Database.Database, sql: string): Statement {
  let statements = statementsByDatabase.get(db);
  if (statements === undefined) {
    statements = new LruCache(128);
    statementsByDatabase.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare<SqlValue[], unknown[]>(sql).raw(true);
    statements.set(sql, statement);
  }
  return statement;
}

function toRecord(row: unknown[], compiled: CompiledQuery, baseUrl: string): QueryRecord {
  const record: QueryRecord = { attributes: attributes(compiled.type.name, row[0], baseUrl) };
  for (const entry of compiled.output) {
    if (entry.kind === 'field') {
      record[entry.key] = value(entry, row);
      continue;
    }
    const parentId = row[entry.idColumn];
    if (parentId === null || parentId === undefined) {
      record[entry.key] = null;
      continue;
    }
    const parent: QueryRecord = { attributes: attributes(entry.type.name, parentId, baseUrl) };
    for (const field of entry.fields) parent[field.key] = value(field, row);
    record[entry.key] = parent;
  }
  return record;
}

function attributes(type: string, id: unknown, baseUrl: string): QueryRecord['attributes'] {
  return typeof id === 'string' ? { type, url: `${baseUrl}${type}/${id}` } : { type };
}

/** A checkbox is never null on a real org: an unset one reads as false. */
function value(output: FieldOutput, row: unknown[]): ReturnType<typeof fromSql> {
  const decoded = fromSql(output.field, row[output.column]);
  return decoded === null && output.field.type === 'checkbox' ? false : decoded;
}
