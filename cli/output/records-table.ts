/**
 * Query results as terminal tables (one column per selected field) or as the REST query body.
 *
 * Parent fields are flattened into `Parent__r.Name` columns and aggregate rows show their keys
 * (`Industry`, `expr0`, an alias). A child subquery's column counts each record's children, and
 * the children follow in a table of their own per relationship, whose `#` column is the row
 * number of their parent in the first table.
 */
import Table from 'cli-table3';
import type { QueryResult } from '../../emulator/soql/index.ts';
import { toWire, type WireValue } from '../../emulator/wire.ts';

const MAX_CELL = 60;

type WireObject = { [key: string]: WireValue };

interface ChildResult {
  totalSize: number;
  records: WireValue[];
}

export function renderQueryJson(result: QueryResult): string {
  return JSON.stringify(toWire(result), null, 2);
}

export function renderQueryTable(result: QueryResult): string {
  if (result.records.length === 0) return `totalSize: ${result.totalSize}`;
  const records = result.records.map((record) => toWire(record));
  const childKeys = [...new Set(records.flatMap(childKeysOf))];
  const numbered = childKeys.length > 0;

  const rows = records.map((record, i) => {
    const row = flatten(record);
    return numbered ? { '#': String(i + 1), ...row } : row;
  });
  const sections = [`${table(rows)}\ntotalSize: ${result.totalSize}`];

  for (const key of childKeys) {
    const childRows = records.flatMap((record, i) =>
      childrenOf(record, key).map((child) => ({ '#': String(i + 1), ...flatten(child) })),
    );
    if (childRows.length > 0) sections.push(`${key}:\n${table(childRows)}`);
  }
  return sections.join('\n\n');
}

function table(rows: Array<Record<string, WireValue>>): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const out = new Table({ head: columns, style: { head: [], border: [] }, wordWrap: false });
  for (const row of rows) out.push(columns.map((column) => cell(row[column])));
  return out.toString();
}

function isObject(value: WireValue | undefined): value is WireObject {
  return (
    value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)
  );
}

function asChildResult(value: WireValue | undefined): ChildResult | undefined {
  if (!isObject(value) || !Array.isArray(value.records)) return undefined;
  const { totalSize, records } = value;
  return typeof totalSize === 'number' ? { totalSize, records } : undefined;
}

function childKeysOf(record: WireValue): string[] {
  if (!isObject(record)) return [];
  return Object.keys(record).filter((key) => asChildResult(record[key]) !== undefined);
}

function childrenOf(record: WireValue, key: string): WireValue[] {
  return isObject(record) ? (asChildResult(record[key])?.records ?? []) : [];
}

/**
 * `{ ApexClass: { Name: 'X' } }` → `{ 'ApexClass.Name': 'X' }`, without `attributes`; a child
 * subquery's result becomes its count (`2 records`).
 */
function flatten(value: WireValue, prefix = ''): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  if (!isObject(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'attributes') continue;
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const children = asChildResult(item);
    if (children !== undefined) {
      out[name] = `${children.totalSize} record${children.totalSize === 1 ? '' : 's'}`;
    } else if (isObject(item)) {
      Object.assign(out, flatten(item, name));
    } else {
      out[name] = item;
    }
  }
  return out;
}

function cell(value: WireValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_CELL ? `${oneLine.slice(0, MAX_CELL - 1)}…` : oneLine;
}
