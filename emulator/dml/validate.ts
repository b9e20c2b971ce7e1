/**
 * System validation of field values, as the platform does before and after before-triggers:
 * types, lengths, restricted picklists, required fields. Each failure is a row error with the
 * platform's status code; nothing here touches the database.
 */
import type { ErrorCode } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';

export interface FieldProblem {
  statusCode: ErrorCode;
  message: string;
  fields: string[];
}

export type Checked = { ok: true; value: FieldValue } | { ok: false; problem: FieldProblem };

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LONG_TEXT_DEFAULT = 131_072;

function problem(statusCode: ErrorCode, message: string, field: FieldDefinition): Checked {
  return { ok: false, problem: { statusCode, message, fields: [field.name] } };
}

function wrongType(field: FieldDefinition, value: unknown): Checked {
  const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return problem(
    'INVALID_TYPE_ON_FIELD_IN_RECORD',
    `${field.label ?? field.name}: value not of required type: ${shown}`,
    field,
  );
}

/** Checks one value against its field and returns it in its stored form. */
export function checkValue(field: FieldDefinition, value: unknown): Checked {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };

  switch (field.type) {
    case 'checkbox':
      return typeof value === 'boolean' ? { ok: true, value } : wrongType(field, value);
    case 'number':
      return checkNumber(field, value);
    case 'date':
      return checkDate(field, value);
    case 'datetime':
      return checkDatetime(field, value);
    case 'id':
    case 'lookup':
      return checkId(field, value);
    case 'picklist':
      return checkPicklist(field, value);
    default:
      return checkText(field, value);
  }
}

function checkNumber(field: FieldDefinition, value: unknown): Checked {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return wrongType(field, value);
  const scale = field.scale ?? 0;
  const rounded = Number(n.toFixed(scale));
  const precision = field.precision ?? 18;
  // Compared as a number: 1e300 prints short (`1e+300`) but has 301 integer digits.
  if (Math.abs(rounded) >= 10 ** (precision - scale)) {
    return problem(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${field.name}: number outside valid range: ${n}`,
      field,
    );
  }
  return { ok: true, value: rounded };
}

function checkDate(field: FieldDefinition, value: unknown): Checked {
  if (value instanceof Date) return { ok: true, value: value.toISOString().slice(0, 10) };
  if (typeof value !== 'string') return wrongType(field, value);
  const day = value.slice(0, 10);
  if (!DATE_PATTERN.test(day) || !isCalendarDate(day)) {
    return wrongType(field, value);
  }
  return { ok: true, value: day };
}

const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2024-02-30). */
function isCalendarDate(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

function checkDatetime(field: FieldDefinition, value: unknown): Checked {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? wrongType(field, value) : { ok: true, value };
  }
  if (typeof value !== 'string') return wrongType(field, value);
  // ISO 8601 only: Date.parse also reads "foo 12" (in the machine's time zone) and rolls
  // 2024-02-30 over into March, where Salesforce refuses both.
  if (!ISO_DATETIME.test(value) || !isCalendarDate(value.slice(0, 10))) {
    return wrongType(field, value);
  }
  // Salesforce writes +0000; Date.parse wants +00:00, and reads a time without a zone as local
  // time where Salesforce reads UTC.
  const zoned =
    /T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) || !value.includes('T') ? value : `${value}Z`;
  const iso = zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? wrongType(field, value) : { ok: true, value: new Date(ms) };
}

function checkId(field: FieldDefinition, value: unknown): Checked {
  const id = typeof value === 'string' ? toId18(value) : undefined;
  if (id === undefined) {
    return problem(
      'MALFORMED_ID',
      `${field.label ?? field.name}: id value of incorrect type: ${String(value)}`,
      field,
    );
  }
  return { ok: true, value: id };
}

function checkPicklist(field: FieldDefinition, value: unknown): Checked {
  if (typeof value !== 'string') return wrongType(field, value);
  const values = field.values ?? [];
  const canonical = values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (canonical !== undefined) return { ok: true, value: canonical };
  if (!field.restricted) return checkText(field, value);
  return problem(
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    `${field.label ?? field.name}: bad value for restricted picklist field: ${value}`,
    field,
  );
}

function checkText(field: FieldDefinition, value: unknown): Checked {
  if (typeof value !== 'string') {
    if (typeof value === 'number' || typeof value === 'boolean') {
      return checkText(field, String(value));
    }
    return wrongType(field, value);
  }
  const max = field.length ?? (field.type === 'longtext' ? LONG_TEXT_DEFAULT : 255);
  if (value.length > max) {
    return problem(
      'STRING_TOO_LONG',
      `${field.label ?? field.name}: data value too large: ${value.slice(0, 40)}… (max length=${max})`,
      field,
    );
  }
  if (field.type === 'email' && !EMAIL_PATTERN.test(value)) {
    return problem(
      'INVALID_EMAIL_ADDRESS',
      `${field.label ?? field.name}: invalid email address: ${value}`,
      field,
    );
  }
  return { ok: true, value };
}

/** The required fields a record leaves empty, as one REQUIRED_FIELD_MISSING problem. */
export function missingRequired(
  type: SObjectType,
  record: Record<string, unknown>,
): FieldProblem | undefined {
  const missing = type.fields
    .filter((field) => field.required && !field.system)
    .filter((field) => {
      const value = record[field.name];
      return value === null || value === undefined || value === '';
    })
    .map((field) => field.name);
  if (missing.length === 0) return undefined;
  return {
    statusCode: 'REQUIRED_FIELD_MISSING',
    message: `Required fields are missing: [${missing.join(', ')}]`,
    fields: missing,
  };
}
