/**
 * Request bodies → records for DML. The platform deserializes a record body strictly before any
 * DML runs: a body that is not a JSON object, or a value that cannot become its field's type (an
 * object for a text field, `"abc"` for a checkbox), fails the whole request with
 * JSON_PARSER_ERROR. Scalars are coerced as the platform's parser does (`"12"` for a number,
 * `"true"` for a checkbox, `12` for text). Unknown fields pass through, so DML reports them with
 * its INVALID_FIELD message; so do values that parse but break a field rule (length, picklist).
 */
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { SObjectRecord } from '../storage/records.ts';
import { checkValue } from '../dml/validate.ts';
import { restError } from './rest-errors.ts';
import type { SalesforceError } from '../errors.ts';

/** A JSON value as express.json() leaves it. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Whether a JSON value is an object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 400 JSON_PARSER_ERROR: the body cannot be read as the request needs it. */
export function parserError(message: string): SalesforceError {
  return restError(400, 'JSON_PARSER_ERROR', message);
}

/** The body of a one-record write: a JSON object, else JSON_PARSER_ERROR naming what came. */
export function recordBody(body: unknown, type: SObjectType): JsonObject {
  if (isJsonObject(body)) return body;
  if (body === undefined) {
    throw parserError(`The request body is empty: send the ${type.name} fields as a JSON object`);
  }
  throw parserError(
    `Cannot deserialize instance of ${type.name} from ${tokenOf(body)} value: send a JSON object`,
  );
}

/**
 * The record DML gets for these JSON fields: `attributes` dropped, values deserialized for their
 * fields. `Id` and other keys stay for the caller and DML to judge.
 */
export function toRecord(type: SObjectType, fields: JsonObject): SObjectRecord {
  const record: SObjectRecord = { attributes: { type: type.name } };
  for (const [key, raw] of Object.entries(fields)) {
    if (key === 'attributes') continue;
    const field = type.getField(key);
    const lookup = field === undefined ? type.getRelationship(key) : undefined;
    if (lookup !== undefined && isJsonObject(raw)) {
      throw restError(
        400,
        'INVALID_FIELD',
        `Setting ${lookup.name} through ${key}: {…} (a parent by external id) is not supported by aflo-emu yet: set ${lookup.name} to the parent's Id (see docs/fidelity.md)`,
        [key],
      );
    }
    record[key] = field === undefined ? passThrough(raw) : deserialize(field, raw);
  }
  return record;
}

/** An unknown field's value: DML refuses the field before it looks at the value. */
function passThrough(raw: JsonValue): FieldValue {
  return typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : raw;
}

function deserialize(field: FieldDefinition, raw: JsonValue): FieldValue {
  if (raw === null) return null;
  if (typeof raw === 'object') throw valueError(field, raw);
  const value = coerce(field, raw);
  if (value === undefined) throw valueError(field, raw);
  // Values the field's type cannot hold at all fail as the parser fails; rule breaks go to DML.
  const checked = checkValue(field, value);
  if (!checked.ok && checked.problem.statusCode === 'INVALID_TYPE_ON_FIELD_IN_RECORD') {
    throw valueError(field, raw);
  }
  return value;
}

/** The platform parser's scalar coercions; undefined when the value cannot be coerced. */
function coerce(field: FieldDefinition, raw: string | number | boolean): FieldValue | undefined {
  switch (field.type) {
    case 'checkbox':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw))
        return raw.toLowerCase() === 'true';
      return undefined;
    case 'number':
      if (typeof raw === 'number') return raw;
      return typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))
        ? Number(raw)
        : undefined;
    case 'date':
    case 'datetime':
      return typeof raw === 'string' ? raw : undefined;
    default:
      return typeof raw === 'string' ? raw : String(raw);
  }
}

function valueError(field: FieldDefinition, raw: JsonValue): SalesforceError {
  const shown = typeof raw === 'object' ? '' : ` ${String(raw)}`;
  return parserError(
    `Cannot deserialize instance of ${javaTypeOf(field)} from ${tokenOf(raw)} value${shown} or request may be missing a required field (field ${field.name})`,
  );
}

/** The type name the platform's parser reports for a field. */
function javaTypeOf(field: FieldDefinition): string {
  switch (field.type) {
    case 'checkbox':
      return 'boolean';
    case 'number':
      return 'double';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'id':
    case 'lookup':
      return 'reference';
    default:
      return 'string';
  }
}

/** The JSON token a value starts with, in the parser's words. */
function tokenOf(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value === null) return 'VALUE_NULL';
  switch (typeof value) {
    case 'object':
      return 'START_OBJECT';
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
    case 'boolean':
      return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default:
      return 'VALUE_EMBEDDED_OBJECT';
  }
}
