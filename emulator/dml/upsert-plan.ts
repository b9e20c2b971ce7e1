/**
 * Upsert planning: which records an upsert inserts and which it updates, decided before any
 * write. A record whose external id matches no live record is inserted; one match is updated;
 * several matches are DUPLICATE_EXTERNAL_ID; an external id repeated within one chunk of the
 * call fails every record that carries it, as on the platform.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SObjectRecord } from '../storage/records.ts';
import type { DmlHost } from './host.ts';
import type { DmlError } from './results.ts';

export interface UpsertEntry {
  mode: 'insert' | 'update';
  record: SObjectRecord;
  error?: DmlError;
}

/** Plans each record of an upsert on `fieldName` (an external id field, or `Id`). */
export function planUpsert(
  host: DmlHost,
  type: SObjectType,
  fieldName: string,
  records: SObjectRecord[],
  chunkSize: number,
): UpsertEntry[] {
  const plan = records.map((record) => planOne(host, type, fieldName, record));
  if (fieldName === 'Id') return plan;

  const holders = new Map<string, number[]>();
  plan.forEach((entry, i) => {
    const value = externalValue(entry.record, fieldName);
    const keyed = entry.error === undefined && typeof entry.record.Id !== 'string';
    if (!keyed || value === undefined) return;
    const key = `${Math.floor(i / chunkSize)}|${String(value).toLowerCase()}`;
    holders.set(key, [...(holders.get(key) ?? []), i]);
  });
  for (const positions of holders.values()) {
    if (positions.length < 2) continue;
    for (const i of positions) {
      const entry = plan[i] as UpsertEntry;
      const message = `Duplicate external id specified: ${String(externalValue(entry.record, fieldName))}`;
      entry.error = { statusCode: 'DUPLICATE_VALUE', message, fields: [fieldName] };
    }
  }
  return plan;
}

function planOne(
  host: DmlHost,
  type: SObjectType,
  fieldName: string,
  record: SObjectRecord,
): UpsertEntry {
  if (fieldName === 'Id' || typeof record.Id === 'string') {
    const hasId = record.Id !== undefined && record.Id !== null;
    return { mode: hasId ? 'update' : 'insert', record };
  }

  const value = externalValue(record, fieldName);
  if (value === undefined) {
    const error: DmlError = {
      statusCode: 'MISSING_ARGUMENT',
      message: `${fieldName} not specified`,
      fields: [fieldName],
    };
    return { mode: 'insert', record, error };
  }

  const matches = host.table(type).findBy(fieldName, value);
  if (matches.length > 1) {
    const ids = matches.map((match) => match.Id).join(', ');
    const message = `${fieldName}: more than one record found for external id field: [${ids}]`;
    const error: DmlError = { statusCode: 'DUPLICATE_EXTERNAL_ID', message, fields: [fieldName] };
    return { mode: 'update', record, error };
  }
  const match = matches[0];
  return match === undefined
    ? { mode: 'insert', record }
    : { mode: 'update', record: { ...record, Id: match.Id } };
}

/** The record's external id value, its key matched without regard to case; undefined if empty. */
function externalValue(record: SObjectRecord, fieldName: string): string | number | undefined {
  const key = Object.keys(record).find((name) => name.toLowerCase() === fieldName.toLowerCase());
  const value = key === undefined ? undefined : record[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  return typeof value === 'number' ? value : undefined;
}
