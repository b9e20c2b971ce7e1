/**
 * Wire shapes: records and query results as the REST API writes them (datetimes as
 * `2024-05-01T10:30:00.000+0000`). The CLI's `--json` output uses the same shapes.
 */
import { formatDatetime } from './storage/codec.ts';

export type WireValue =
  string | number | boolean | null | WireValue[] | { [key: string]: WireValue };

/** A record or query result with every Date written in Salesforce's dateTime format. */
export function toWire(value: unknown): WireValue {
  if (value instanceof Date) return formatDatetime(value);
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: WireValue } = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) out[key] = toWire(item);
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return null;
}
