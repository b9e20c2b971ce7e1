/** Query results as a terminal table (one column per selected field) or as the REST query body. */
import Table from 'cli-table3';
import type { QueryResult } from '../../emulator/soql/index.ts';
import { toWire, type WireValue } from '../../emulator/wire.ts';

const MAX_CELL = 60;

export function renderQueryJson(result: QueryResult): string {
  return JSON.stringify(toWire(result), null, 2);
}

export function renderQueryTable(result: QueryResult): string {
  if (result.records.length === 0) return `totalSize: ${result.totalSize}`;
  const rows = result.records.map((record) => flatten(toWire(record)));
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const table = new Table({ head: columns, style: { head: [], border: [] }, wordWrap: false });
  for (const row of rows) table.push(columns.map((column) => cell(row[column])));
  return `${table.toString()}\ntotalSize: ${result.totalSize}`;
}

/** `{ ApexClass: { Name: 'X' } }` → `{ 'ApexClass.Name': 'X' }`, without `attributes`. */
function flatten(value: WireValue, prefix = ''): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'attributes') continue;
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (item !== null && typeof item === 'object' && !Array.isArray(item))
      Object.assign(out, flatten(item, name));
    else out[name] = item;
  }
  return out;
}

function cell(value: WireValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_CELL ? `${oneLine.slice(0, MAX_CELL - 1)}…` : oneLine;
}
