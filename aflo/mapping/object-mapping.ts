/**
 * How an Amberflo JSON record maps to an AFLO record and back: which sObject type, which field
 * holds the Amberflo id, which field each key fills (inbound), the JSON a record exports as
 * (outbound) and which fields Amberflo assigns (written back after an export). One mapping per
 * AFLO object type.
 *
 * Times in Amberflo's epoch milliseconds or seconds become datetimes; maps and nested objects are
 * kept as JSON in long text; Name is cut to 80 characters.
 */
import type { FieldValue } from '../../emulator/apex-api.ts';

export const AFLO_OBJECT_TYPES = [
  'Customer',
  'Promotion',
  'CustomerPromotion',
  'ProductItem',
] as const;
export type AfloObjectType = (typeof AFLO_OBJECT_TYPES)[number];

export type AmberfloJson = Record<string, unknown>;

/** An AFLO record's field values by API name, as a trigger or a query gives them. */
export type RecordFields = Readonly<Record<string, unknown>>;

export interface ObjectMapping {
  objectType: AfloObjectType;
  sObject: string;
  externalIdField: string;
  /** The record's Amberflo id, or undefined when the JSON has none. */
  externalId(json: AmberfloJson): string | undefined;
  /** The AFLO record fields this JSON fills (lookups are resolved by the caller). */
  toFields(json: AmberfloJson): Record<string, FieldValue>;
  /** The record fields `toAmberflo` reads: the exported fields. */
  exportedFields: readonly string[];
  /**
   * The Amberflo JSON a record exports as: its exported fields, keys without a value left out.
   * An update that leaves this unchanged is not exported.
   */
  toAmberflo(record: RecordFields): AmberfloJson;
  /**
   * What names the record in Amberflo, from its exported JSON. Amberflo cannot rename a record,
   * so an update that changes this is exported as a delete of the old and a create of the new.
   */
  identity(json: AmberfloJson): string;
  /** The fields Amberflo assigns, read from its answer to an export, to write back on the record. */
  assignedFields(answer: AmberfloJson): Record<string, FieldValue>;
}

/** Thrown when Amberflo JSON cannot become a record; the message names the key. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
}

export function text(json: AmberfloJson, key: string, max?: number): string | null {
  const value = json[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'object')
    throw new MappingError(`${key} must be a string, got ${JSON.stringify(value)}`);
  const s = String(value);
  return max === undefined ? s : s.slice(0, max);
}

export function requiredText(json: AmberfloJson, key: string, max?: number): string {
  const value = text(json, key, max);
  if (value === null || value === '') throw new MappingError(`${key} is missing`);
  return value;
}

export function num(json: AmberfloJson, key: string): number | null {
  const value = json[key];
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n))
    throw new MappingError(`${key} must be a number, got ${JSON.stringify(value)}`);
  return n;
}

export function bool(json: AmberfloJson, key: string): boolean | null {
  const value = json[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean')
    throw new MappingError(`${key} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Epoch milliseconds (unit 1) or seconds (unit 1000) to a Date. */
export function epoch(json: AmberfloJson, key: string, unit: 1 | 1000): Date | null {
  const n = num(json, key);
  return n === null ? null : new Date(n * unit);
}

export function jsonText(json: AmberfloJson, key: string): string | null {
  const value = json[key];
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** A record field as text for Amberflo, or null when it is empty. */
export function fieldText(record: RecordFields, name: string): string | null {
  const value = record[name];
  if (value === undefined || value === null || value === '') return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A number field, or null when it is empty. */
export function fieldNumber(record: RecordFields, name: string): number | null {
  const value = record[name];
  return typeof value === 'number' ? value : null;
}

/**
 * A long-text field holding JSON (traits, maps), parsed; text that is not JSON is sent as it is,
 * so Amberflo's answer, not a failed save in Salesforce, says what is wrong with it.
 */
export function fieldJson(record: RecordFields, name: string): unknown {
  const text = fieldText(record, name);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The JSON without its null and undefined keys, in the order written. */
export function compact<T>(json: Record<string, T | null | undefined>): Record<string, T> {
  const kept: Record<string, T> = {};
  for (const [key, value] of Object.entries(json)) {
    if (value !== null && value !== undefined) kept[key] = value;
  }
  return kept;
}
