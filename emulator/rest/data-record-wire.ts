/**
 * Stored records → the records retrieve answers with: `attributes` (type and record URL), then
 * every field of the type, or those `fields` names, in the platform's wire formats. Field names
 * are checked against the type's metadata and answered in their canonical spelling; nothing from
 * the request reaches SQL.
 */
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import { valueToWire, type FieldValue } from '../storage/codec.ts';
import type { StoredRecord } from '../storage/records.ts';
import type { WireValue } from '../wire.ts';
import { restError } from './rest-errors.ts';

export type WireRecord = { [key: string]: WireValue };

/**
 * The fields to return: all of the type's when `names` is empty, else each named one (any case,
 * each once) with Id added, as the platform always returns it. An unknown name is 400
 * INVALID_FIELD with the platform's message.
 */
export function selectFields(type: SObjectType, names: readonly string[]): FieldDefinition[] {
  const wanted = names.map((name) => name.trim()).filter((name) => name !== '');
  if (wanted.length === 0) return [...type.fields];

  const selected = new Map<string, FieldDefinition>();
  for (const name of wanted) {
    const field = type.getField(name);
    if (field === undefined) throw noSuchColumn(type, name);
    selected.set(field.name, field);
  }
  const id = type.getField('Id');
  if (id !== undefined && !selected.has('Id')) selected.set('Id', id);
  return [...selected.values()];
}

/** `fields=Name,Email__c` (the retrieve parameter) as a list of names. */
export function fieldList(raw: string | undefined): string[] {
  return raw === undefined ? [] : raw.split(',');
}

/** One record as retrieve writes it. */
export function recordToWire(
  type: SObjectType,
  record: StoredRecord,
  fields: readonly FieldDefinition[],
  basePath: string,
): WireRecord {
  const wire: WireRecord = {
    attributes: { type: type.name, url: `${basePath}/sobjects/${type.name}/${record.Id}` },
  };
  for (const field of fields) {
    wire[field.name] = valueToWire(field, (record[field.name] ?? null) as FieldValue);
  }
  return wire;
}

/** 400 INVALID_FIELD for a field the type does not have, worded as the platform words it. */
export function noSuchColumn(type: SObjectType, name: string): ReturnType<typeof restError> {
  return restError(
    400,
    'INVALID_FIELD',
    `No such column '${name}' on entity '${type.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    [name],
  );
}
