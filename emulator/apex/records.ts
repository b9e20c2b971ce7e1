/**
 * sObject records as a script holds them. A queried record keeps only its non-null fields (so it
 * prints as Apex prints it) and remembers which fields the query selected: reading one it did
 * not select is a `System.SObjectException`, as on the platform. A record built with `new` reads
 * null for any field it was not given.
 */

import { ApexException } from '../errors.ts';
import type { ApexRecord, ApexValue } from './host.ts';
import type { Runtime } from './ir.ts';
import { nullPointer } from './exceptions.ts';

/** Whether a value is an sObject record (an object with `attributes.type`). */
export function isRecord(value: unknown): value is ApexRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const attributes = (value as { attributes?: unknown }).attributes;
  return (
    typeof attributes === 'object' &&
    attributes !== null &&
    typeof (attributes as { type?: unknown }).type === 'string'
  );
}

/** `new AFLO__Customer__c(Name = 'x')`: fields in the order given, as Apex prints them. */
export function newRecord(type: string, fields: ReadonlyArray<[string, ApexValue]>): ApexRecord {
  const record: ApexRecord = { attributes: { type } };
  for (const [name, value] of fields) record[name] = value;
  return record;
}

/** A record the query API returned, as a script sees it (parents converted the same way). */
export function fromQuery(raw: Record<string, unknown>, runtime: Runtime): ApexRecord {
  const attributes = raw.attributes as { type: string; url?: string };
  const record: ApexRecord = { attributes: { type: attributes.type } };
  const selected = new Set<string>();

  for (const [key, value] of Object.entries(raw)) {
    if (key === 'attributes') continue;
    selected.add(key.toLowerCase());
    if (value === null || value === undefined) continue;
    record[key] = isRecord(value) ? fromQuery(value, runtime) : value;
  }

  // Apex always selects the Id; the query API gives it in the record's URL when not selected.
  const id = attributes.url?.split('/').pop();
  if (!selected.has('id') && id !== undefined && id !== '') {
    record.Id = id;
    selected.add('id');
  }
  runtime.queried.set(record, selected);
  return record;
}

/** `record.Field`: its value, null when unset, an SObjectException when not queried. */
export function readField(
  record: ApexValue,
  field: string,
  sObjectType: string,
  runtime: Runtime,
): ApexValue {
  const target = requireRecord(record);
  const key = ownKey(target, field);
  if (key !== undefined) return (target[key] ?? null) as ApexValue;

  const selected = runtime.queried.get(target);
  if (selected !== undefined && !selected.has(field.toLowerCase())) {
    throw new ApexException(
      'System.SObjectException',
      `SObject row was retrieved via SOQL without querying the requested field: ${sObjectType}.${field}`,
    );
  }
  return null;
}

/** `record.Field = value`. */
export function writeField(record: ApexValue, field: string, value: ApexValue): void {
  const target = requireRecord(record);
  const key = ownKey(target, field) ?? field;
  target[key] = value;
}

function requireRecord(value: ApexValue): ApexRecord {
  if (value === null) throw nullPointer();
  if (!isRecord(value)) {
    throw new ApexException(
      'System.TypeException',
      'Invalid conversion from runtime type to SObject',
    );
  }
  return value;
}

/** The record's own key for a field, in whatever case it was stored. */
function ownKey(record: ApexRecord, field: string): string | undefined {
  if (Object.hasOwn(record, field)) return field;
  const lower = field.toLowerCase();
  return Object.keys(record).find((key) => key !== 'attributes' && key.toLowerCase() === lower);
}
