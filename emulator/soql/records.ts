/**
 * Rows → records, by a compiled output plan: values decoded with the storage codec (datetimes
 * become Date objects), parents nested under their relationship names, child subquery results
 * under their child relationship names, and aggregate rows as `AggregateResult` records.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import { fromSql } from '../storage/codec.ts';
import type { ChildOutput, FieldOutput, OutputEntry, QueryRecord } from './types.ts';

/** Each child subquery's records, by the Id of their parent. */
export type ChildRecords = ReadonlyMap<ChildOutput, ReadonlyMap<string, QueryRecord[]>>;

/** A record of `type` from a row whose column 0 is its Id. */
export function toRecord(
  row: unknown[],
  type: SObjectType,
  output: readonly OutputEntry[],
  baseUrl: string,
  children?: ChildRecords,
): QueryRecord {
  const record: QueryRecord = { attributes: attributes(type.name, row[0], baseUrl) };
  for (const entry of output) {
    if (entry.kind === 'field') {
      record[entry.key] = value(entry, row);
      continue;
    }
    if (entry.kind === 'children') {
      // A parent without children has null, not an empty result, as on the REST API.
      const records = children?.get(entry)?.get(String(row[0]));
      record[entry.key] =
        records === undefined ? null : { totalSize: records.length, done: true, records };
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

/** A row of an aggregate query: `{ attributes: { type: 'AggregateResult' }, … }`, no url. */
export function toAggregateRecord(row: unknown[], output: readonly OutputEntry[]): QueryRecord {
  const record: QueryRecord = { attributes: { type: 'AggregateResult' } };
  for (const entry of output) if (entry.kind === 'field') record[entry.key] = value(entry, row);
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
