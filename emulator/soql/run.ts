/**
 * Runs a compiled query and shapes its rows as the query API's records: one statement for the
 * query, plus one per child subquery for all the parent records it returned.
 */
import type Database from 'better-sqlite3';

import { toAggregateRecord, toRecord, type ChildRecords } from './records.ts';
import { allRows, firstRow } from './statements.ts';
import type { ChildOutput, CompiledQuery, QueryRecord, QueryResult, RunOptions } from './types.ts';

const DEFAULT_API_VERSION = '62.0';

export function runQuery(
  db: Database.Database,
  compiled: CompiledQuery,
  options: RunOptions = {},
): QueryResult {
  if (compiled.countOnly) {
    const row = firstRow(db, compiled.sql, compiled.params);
    return { totalSize: Number(row?.[0] ?? 0), done: true, records: [] };
  }

  const rows = allRows(db, compiled.sql, compiled.params);
  if (compiled.aggregate) {
    const records = rows.map((row) => toAggregateRecord(row, compiled.output));
    return { totalSize: records.length, done: true, records };
  }

  const version = (options.apiVersion ?? DEFAULT_API_VERSION).replace(/^v/, '');
  const baseUrl = `/services/data/v${version}/sobjects/`;
  const children = readChildren(db, compiled, rows, baseUrl);
  const records = rows.map((row) =>
    toRecord(row, compiled.type, compiled.output, baseUrl, children),
  );
  return { totalSize: records.length, done: true, records };
}

/** Runs each child subquery once, for all the parent rows, and groups its records by parent. */
function readChildren(
  db: Database.Database,
  compiled: CompiledQuery,
  parentRows: unknown[][],
  baseUrl: string,
): ChildRecords {
  const byOutput = new Map<ChildOutput, Map<string, QueryRecord[]>>();
  const subqueries = compiled.output.filter((entry) => entry.kind === 'children');
  if (subqueries.length === 0 || parentRows.length === 0) return byOutput;

  const parentIds = JSON.stringify(parentRows.map((row) => row[0]));
  for (const entry of subqueries) {
    const { query } = entry;
    const byParent = new Map<string, QueryRecord[]>();
    for (const row of allRows(db, query.sql, [parentIds, ...query.params])) {
      const parentId = String(row[query.parentColumn]);
      const record = toRecord(row, query.type, query.output, baseUrl);
      const siblings = byParent.get(parentId);
      if (siblings === undefined) byParent.set(parentId, [record]);
      else siblings.push(record);
    }
    byOutput.set(entry, byParent);
  }
  return byOutput;
}
