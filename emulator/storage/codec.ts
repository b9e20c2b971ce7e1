/**
 * How field values are kept in SQLite, and how they come back.
 *
 * | field type                                   | record value (Apex side) | SQLite column       |
 * | -------------------------------------------- | ------------------------ | ------------------- |
 * | id, lookup                                   | 18-character Id string   | TEXT                |
 * | text, email, picklist, autonumber            | string                   | TEXT COLLATE NOCASE |
 * | longtext                                     | string                   | TEXT                |
 * | number                                       | number                   | REAL                |
 * | checkbox                                     | boolean                  | INTEGER 0/1         |
 * | date                                         | 'YYYY-MM-DD' string      | TEXT                |
 * | datetime                                     | Date                     | INTEGER epoch ms    |
 *
 * Text comparisons are case-insensitive as in SOQL; SQLite's NOCASE folds ASCII only (see
 * docs/fidelity.md). Datetimes are integers so that ranges and ORDER BY use the index.
 */
import type { FieldDefinition, FieldType } from '../metadata/schema.ts';

/** A value as Apex code and the DML layer see it. */
export type FieldValue = string | number | boolean | Date | null;
/** A value as SQLite stores it. */
export type SqlValue = string | number | bigint | null;

export function columnType(type: FieldType): string {
  switch (type) {
    case 'number':
      return 'REAL';
    case 'checkbox':
    case 'datetime':
      return 'INTEGER';
    case 'text':
    case 'email':
    case 'picklist':
    case 'autonumber':
      return 'TEXT COLLATE NOCASE';
    default:
      return 'TEXT';
  }
}

/** Encodes a value already checked by DML validation (see emulator/dml/validate.ts). */
export function toSql(field: FieldDefinition, value: FieldValue | undefined): SqlValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'checkbox':
      return value === true ? 1 : 0;
    case 'datetime':
      return value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value instanceof Date ? value.toISOString() : String(value);
  }
}

export function fromSql(field: FieldDefinition, raw: unknown): FieldValue {
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case 'checkbox':
      return raw === 1 || raw === 1n || raw === true;
    case 'datetime':
      return new Date(Number(raw));
    case 'number':
      return Number(raw);
    default:
      return String(raw);
  }
}

/** Salesforce's REST dateTime format: `2024-05-01T10:30:00.000+0000`. */
export function formatDatetime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** One field's value as the REST API writes it (emulator/wire.ts converts whole results). */
export function valueToWire(
  field: FieldDefinition,
  value: FieldValue,
): string | number | boolean | null {
  if (value instanceof Date) return formatDatetime(value);
  if (field.type === 'checkbox' && value === null) return false;
  return value;
}
