/**
 * What the DML steps compute from records and field values: which fields changed, defaults,
 * audit fields, auto-numbers, and why a record named by Id cannot be written.
 */
import { toId18 } from '../ids.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { SObjectRecord, StoredRecord } from '../storage/records.ts';
import type { DmlHost } from './host.ts';
import type { DmlError } from './results.ts';

/** Normalises a caller's Id for DML, or undefined when malformed. */
export function dmlId(value: unknown): string | undefined {
  return typeof value === 'string' ? toId18(value) : undefined;
}

/** The fields of `record` whose values differ from the stored `old` (Id left out). */
export function onlyChanged(
  type: SObjectType,
  old: StoredRecord,
  record: SObjectRecord,
): SObjectRecord {
  const changed: SObjectRecord = {};
  for (const field of type.fields) {
    if (field.name === 'Id') continue;
    const value = record[field.name];
    if (value !== undefined && !sameValue(value as FieldValue, old[field.name] as FieldValue)) {
      changed[field.name] = value as FieldValue;
    }
  }
  return changed;
}

/** The changes to write: merged values that differ from the stored record. */
export function changedFields(
  type: SObjectType,
  old: StoredRecord,
  merged: Record<string, FieldValue>,
): Record<string, FieldValue> {
  const changes: Record<string, FieldValue> = {};
  for (const field of type.fields) {
    if (field.name === 'Id' || !(field.name in merged)) continue;
    const value = merged[field.name] as FieldValue;
    if (!sameValue(value, old[field.name] as FieldValue)) changes[field.name] = value;
  }
  return changes;
}

/** Equality of field values; Dates by instant. */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/** Why a record named by Id cannot be updated or deleted, or undefined when it can. */
export function missingRecord(
  id: string | undefined,
  old: StoredRecord | undefined,
  raw: unknown,
): DmlError | undefined {
  if (id === undefined) {
    return {
      statusCode: 'MALFORMED_ID',
      message: `Id: invalid id: ${String(raw)}`,
      fields: ['Id'],
    };
  }
  if (old === undefined) {
    const message = 'invalid cross reference id';
    return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message, fields: [] };
  }
  if (old.IsDeleted === true) {
    return { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] };
  }
  return undefined;
}

/** Field defaults of a new record; checkboxes default to false. */
export function defaults(type: SObjectType): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of type.fields) {
    if (field.defaultValue !== undefined) values[field.name] = field.defaultValue;
    else if (field.type === 'checkbox') values[field.name] = false;
  }
  return values;
}

/** CreatedDate and its friends, from the org clock and the running user. */
export function audit(host: DmlHost, now: Date, created: boolean): Record<string, FieldValue> {
  const user = host.userId();
  const common = { LastModifiedDate: now, LastModifiedById: user, SystemModstamp: now };
  return created ? { ...common, CreatedDate: now, CreatedById: user, IsDeleted: false } : common;
}

/** The n-th auto-number Name in the type's display format (`T-{0000}` → `T-0042`). */
export function autoNumber(type: SObjectType, n: number): string {
  const format = type.definition.nameField.displayFormat ?? '{0000000}';
  return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}
