/**
 * Literal and bind values of WHERE conditions, checked against the field's type and encoded as
 * the field's column stores them (see emulator/storage/codec.ts).
 *
 * An operand is a single value, null, or, for date literals such as `TODAY`, a half-open range of
 * column values `[start, end)`. Id and lookup values are compared in canonical 18-character form.
 */
import type { LiteralType } from '@jetstreamapp/soql-parser-js';

import type { FieldDefinition, FieldType } from '../metadata/schema.ts';
import { toSql, type FieldValue, type SqlValue } from '../storage/codec.ts';
import { toId18 } from '../ids.ts';
import { dateLiteralRange, type DateRange } from './date-literals.ts';
import type { QueryText } from './query-text.ts';
import { decodeStringLiteral } from './string-literal.ts';

export type Operand =
  | { kind: 'null' }
  | { kind: 'value'; value: SqlValue }
  | { kind: 'range'; start: SqlValue; end: SqlValue };

/** What reading a literal needs: the org's now, and for errors the query text and the field's place. */
export interface LiteralContext {
  now: Date;
  text: QueryText;
  locate: () => number | undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The SOAP type name Salesforce's messages use for a field type. */
export function soapType(type: FieldType): string {
  switch (type) {
    case 'id':
    case 'lookup':
      return 'id';
    case 'number':
      return 'double';
    case 'checkbox':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'dateTime';
    default:
      return 'string';
  }
}

export function isStringType(type: FieldType): boolean {
  return soapType(type) === 'string';
}

/** A SOQL literal as the parser gives it (`'O\'Brien'`, `42`, `TRUE`, `2024-01-31`, `TODAY`). */
export function literalOperand(
  field: FieldDefinition,
  raw: string,
  literalType: LiteralType | undefined,
  context: LiteralContext,
): Operand {
  const type = field.type;
  if (literalType === 'NULL') return { kind: 'null' };
  if (literalType === 'STRING' && soapType(type) === 'string') {
    return { kind: 'value', value: decodeStringLiteral(raw, context) };
  }
  if (literalType === 'STRING' && soapType(type) === 'id') {
    return { kind: 'value', value: canonicalId(decodeStringLiteral(raw, context), context) };
  }
  if ((literalType === 'INTEGER' || literalType === 'DECIMAL') && type === 'number') {
    return { kind: 'value', value: Number(raw) };
  }
  if (literalType === 'BOOLEAN' && type === 'checkbox') {
    return { kind: 'value', value: raw.toUpperCase() === 'TRUE' ? 1 : 0 };
  }
  if (literalType === 'DATE' && type === 'date' && isCalendarDate(raw)) {
    return { kind: 'value', value: raw };
  }
  if (literalType === 'DATETIME' && type === 'datetime' && DATETIME.test(raw)) {
    const ms = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(ms)) return { kind: 'value', value: ms };
  }
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    return dateLiteralOperand(field, raw, context);
  }
  throw typeMismatch(field, context);
}

/** An Apex bind value (`:name`). */
export function bindOperand(
  field: FieldDefinition,
  value: FieldValue,
  context: LiteralContext,
): Operand {
  if (value === null) return { kind: 'null' };
  const type = field.type;
  if (typeof value === 'string' && isStringType(type)) return { kind: 'value', value };
  if (typeof value === 'string' && soapType(type) === 'id') {
    return { kind: 'value', value: canonicalId(value, context) };
  }
  if (typeof value === 'number' && type === 'number') return { kind: 'value', value };
  if (typeof value === 'boolean' && type === 'checkbox')
    return { kind: 'value', value: value ? 1 : 0 };
  if (type === 'date' && value instanceof Date) {
    return { kind: 'value', value: value.toISOString().slice(0, 10) };
  }
  if (type === 'date' && typeof value === 'string' && isCalendarDate(value)) {
    return { kind: 'value', value };
  }
  if (type === 'datetime' && (value instanceof Date || typeof value === 'string')) {
    const ms = toSql(field, value);
    if (typeof ms === 'number' && !Number.isNaN(ms)) return { kind: 'value', value: ms };
  }
  const given = value instanceof Date ? 'Datetime' : typeof value;
  const text = `Invalid bind expression type of ${given} for column of type ${soapType(type)}`;
  throw context.text.error('INVALID_FIELD', text, context.locate(), [field.name]);
}

/**
 * The message a real org gives for a literal of the wrong type; string and Id values must be
 * quoted, the others must not.
 */
export function typeMismatch(field: FieldDefinition, context: LiteralContext): Error {
  const type = soapType(field.type);
  const quotes = type === 'string' || type === 'id' ? 'should be' : 'should not be';
  const text = `value of filter criterion for field '${field.name}' must be of type ${type} and ${quotes} enclosed in quotes`;
  return context.text.error('INVALID_FIELD', text, context.locate(), [field.name]);
}

function dateLiteralOperand(field: FieldDefinition, raw: string, context: LiteralContext): Operand {
  const [name = '', count] = raw.split(':');
  const n = count === undefined ? undefined : Number(count);
  const range =
    field.type === 'date' || field.type === 'datetime'
      ? dateLiteralRange(name, n, context.now)
      : undefined;
  if (range === undefined) throw typeMismatch(field, context);
  if (Number.isNaN(range.start.getTime()) || Number.isNaN(range.end.getTime())) {
    // Wording ours: a real org's answer to a range past its dates is undocumented.
    const text = `${raw} reaches past the dates SOQL can compare; use a smaller number`;
    throw context.text.error('MALFORMED_QUERY', text, context.locate());
  }
  return { kind: 'range', ...encodeRange(field, range) };
}

function encodeRange(field: FieldDefinition, range: DateRange): { start: SqlValue; end: SqlValue } {
  if (field.type === 'datetime') return { start: range.start.getTime(), end: range.end.getTime() };
  return {
    start: range.start.toISOString().slice(0, 10),
    end: range.end.toISOString().slice(0, 10),
  };
}

/**
 * A real org answers a malformed Id literal with `INVALID_QUERY_FILTER_OPERATOR` and
 * `invalid ID field: <value>`, without echoing the query.
 */
function canonicalId(value: string, context: LiteralContext): string {
  const id = toId18(value);
  if (id === undefined)
    throw context.text.error('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${value}`);
  return id;
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
