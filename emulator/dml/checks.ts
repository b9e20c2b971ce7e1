/**
 * Checks that need the database: lookups that point at live records of the right type, and
 * unique values that no other live record (or other record in the same chunk) holds.
 */
import { keyPrefixOf } from '../ids.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { DmlHost } from './host.ts';
import type { DmlError } from './results.ts';

/** Errors for lookups in `values` that do not resolve. */
export function checkLookups(
  host: DmlHost,
  type: SObjectType,
  values: Record<string, FieldValue>,
): DmlError[] {
  const errors: DmlError[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = type.getField(name);
    if (field?.type !== 'lookup' || typeof value !== 'string' || field.referenceTo === undefined) {
      continue;
    }
    const target = host.schema.find(field.referenceTo);
    if (target === undefined || keyPrefixOf(value) !== target.keyPrefix) {
      errors.push({
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `field integrity exception: unknown (id value of incorrect type): ${value}`,
        fields: [field.name],
      });
      continue;
    }
    const parentDeleted = host.table(target).isDeleted(value);
    if (parentDeleted === undefined) {
      errors.push({
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        message: `invalid cross reference id`,
        fields: [field.name],
      });
    } else if (parentDeleted) {
      // The platform names no field here: `ENTITY_IS_DELETED, entity is deleted: []`.
      errors.push({ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] });
    }
  }
  return errors;
}

/**
 * Errors for unique fields: each entry is one record's values and its Id (undefined on insert).
 * Text uniqueness is case-insensitive, as for Salesforce external ids.
 */
export function checkUnique(
  host: DmlHost,
  type: SObjectType,
  entries: Array<{ id: string | undefined; values: Record<string, FieldValue> }>,
): Map<number, DmlError[]> {
  const errors = new Map<number, DmlError[]>();
  const uniqueFields = type.fields.filter((field) => field.unique && field.name !== 'Id');

  for (const field of uniqueFields) {
    const seen = new Map<string, number>();
    entries.forEach((entry, position) => {
      const value = entry.values[field.name];
      if (value === null || value === undefined) return;
      const key = String(value).toLowerCase();
      const holder = seen.get(key);
      const existing = host
        .table(type)
        .findIds(field.name, value)
        .find((id) => id !== entry.id);
      if (holder === undefined) seen.set(key, position);
      if (holder === undefined && existing === undefined) return;
      const message =
        existing !== undefined
          ? `duplicate value found: ${field.name} duplicates value on record with id: ${existing}`
          : `duplicate value found: ${field.name} duplicates value on another record in this request`;
      errors.set(position, [
        ...(errors.get(position) ?? []),
        { statusCode: 'DUPLICATE_VALUE', message, fields: [field.name] },
      ]);
    });
  }
  return errors;
}
