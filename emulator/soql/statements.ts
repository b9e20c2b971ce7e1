/**
 * Running SQL for SOQL: prepared statements kept per database in a small LRU (the same few
 * queries run again and again), read as arrays (better-sqlite3 `raw` mode), and SQLite's own
 * refusals turned into Salesforce errors.
 */
import type Database from 'better-sqlite3';

import { SalesforceError } from '../errors.ts';
import type { SqlValue } from '../storage/codec.ts';
import { LruCache } from './lru-cache.ts';

export type Statement = Database.Statement<SqlValue[], unknown[]>;

/** SQLite's own limit on the parameters of one statement. */
const MAX_PARAMETERS = 32_766;

const statementsByDatabase = new WeakMap<Database.Database, LruCache<string, Statement>>();

/** The rows of a statement, each an array of column values. */
export function allRows(db: Database.Database, sql: string, params: SqlValue[]): unknown[][] {
  checkParameters(params);
  const statement = sqlite(() => prepare(db, sql));
  return sqlite(() => statement.all(...params));
}

/** The first row of a statement, or undefined. */
export function firstRow(
  db: Database.Database,
  sql: string,
  params: SqlValue[],
): unknown[] | undefined {
  checkParameters(params);
  const statement = sqlite(() => prepare(db, sql));
  return sqlite(() => statement.get(...params));
}

function checkParameters(params: SqlValue[]): void {
  if (params.length <= MAX_PARAMETERS) return;
  throw new SalesforceError(
    'QUERY_TOO_COMPLICATED',
    `The query binds ${params.length} values; aflo-emu (SQLite) takes at most ${MAX_PARAMETERS}: split the IN list`,
  );
}

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
