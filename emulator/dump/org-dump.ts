/**
 * The org dump: every record of every sObject type (standard ones and the recycle bin included),
 * plus the emulator's own tables, which decide what the org does next (queued jobs, scheduled
 * jobs, the Id and auto-number sequences, org settings), in one fixed order, so that two orgs can
 * be compared with `diff` (`aflo-emu dump`, `replay --dump`, tests).
 *
 * Order: types by API name, records by Id, fields by API name, each compared by UTF-16 code
 * unit, never by locale, so the same org gives the same bytes on every machine. Values are in
 * the REST wire format. Secret fields (`"secret": true` in the object definition) are masked,
 * so a dump can be kept in a repository; password hashes are left out for the same reason.
 */
import { RUNNER_LEASE_SETTING } from '../async/runner-lease.ts';
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { Org } from '../org.ts';
import { valueToWire, type FieldValue } from '../storage/codec.ts';
import { quoteIdent } from '../storage/ddl.ts';
import { readSnapshot } from '../transaction/read-snapshot.ts';

/** What a secret field's value is printed as (null stays null, so one can see it is unset). */
export const MASKED_SECRET = '********';

/** A field's value as the dump writes it. */
export type DumpValue = string | number | boolean | null;

/** One record: its type, Id, whether it is in the recycle bin, and every field. */
export interface DumpedRecord {
  type: string;
  id: string;
  /** In the recycle bin (`IsDeleted`); such records are dumped like the others. */
  deleted: boolean;
  /** Every field of the type by API name, in name order. */
  fields: Record<string, DumpValue>;
}

/** A SQLite value of one of the emulator's own tables, as stored. */
export type TableValue = string | number | null;

/**
 * One row of an emulator table: its key (the primary key's values, joined by commas; the row's
 * position for a table without one) and every other column by name.
 */
export interface DumpedRow {
  key: string;
  columns: Record<string, TableValue>;
}

export interface OrgDump {
  records: DumpedRecord[];
  /**
   * The emulator's own tables (`emu_*`: the job queue, sequences, settings, scheduled jobs…) by
   * name, rows in key order, columns in name order, values as stored (times in epoch ms). Left
   * out: the password hashes, and the runner lease (see EXCLUDED_ROWS).
   */
  tables: Record<string, DumpedRow[]>;
}

/**
 * Tables left out of the dump: password hashes are secrets, made with a random salt, so they
 * would differ between two orgs given the same password.
 */
const EXCLUDED_TABLES: ReadonlySet<string> = new Set(['emu_user_password']);

/**
 * Rows left out, by table and key: the runner lease names the process that runs jobs and its
 * last heartbeat in real time, which no two runs share (and it exists only while one runs).
 */
const EXCLUDED_ROWS: Readonly<Record<string, ReadonlySet<string>>> = {
  emu_setting: new Set([RUNNER_LEASE_SETTING]),
};

/** By UTF-16 code unit, as `Array.prototype.sort` without a comparator: no locale involved. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the whole org as one snapshot, holding the org lock (so no transaction of this process
 * writes meanwhile) inside one read transaction (so a server writing the same file from another
 * process is seen before or after a commit, never half-way).
 */
export async function dumpOrg(org: Org): Promise<OrgDump> {
  const release = await org.lock.acquire();
  try {
    return readSnapshot(org.db, () => ({ records: dumpRecords(org), tables: dumpTables(org) }));
  } finally {
    release();
  }
}

function dumpRecords(org: Org): DumpedRecord[] {
  const types = org.schema.all().sort((a, b) => compareCodeUnits(a.name, b.name));
  const records: DumpedRecord[] = [];
  for (const type of types) {
    const fields = [...type.fields].sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const record of org.table(type).scan()) {
      records.push(dumpRecord(type, fields, record));
    }
  }
  return records;
}

function dumpRecord(
  type: SObjectType,
  fields: readonly FieldDefinition[],
  record: Record<string, unknown>,
): DumpedRecord {
  const values: Record<string, DumpValue> = {};
  for (const field of fields) {
    const value = (record[field.name] ?? null) as FieldValue;
    values[field.name] =
      field.secret === true && value !== null ? MASKED_SECRET : valueToWire(field, value);
  }
  return {
    type: type.name,
    id: String(record.Id),
    deleted: record.IsDeleted === true,
    fields: values,
  };
}

function dumpTables(org: Org): Record<string, DumpedRow[]> {
  const names = org.db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'emu\\_%' ESCAPE '\\'",
    )
    .all()
    .map((row) => row.name)
    .filter((name) => !EXCLUDED_TABLES.has(name))
    .sort(compareCodeUnits);
  return Object.fromEntries(names.map((name) => [name, dumpTable(org, name)] as const));
}

/** A table's rows by primary key (rowid for a table without one), columns by name. */
function dumpTable(org: Org, table: string): DumpedRow[] {
  const info = org.db
    .prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?)')
    .all(table);
  const keyColumns = info
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
  const columns = info
    .map((column) => column.name)
    .filter((name) => !keyColumns.includes(name))
    .sort(compareCodeUnits);
  const orderBy = keyColumns.length === 0 ? 'rowid' : keyColumns.map(quoteIdent).join(', ');
  const excluded = EXCLUDED_ROWS[table];

  const rows = org.db
    .prepare<[], Record<string, TableValue>>(
      `SELECT * FROM ${quoteIdent(table)} ORDER BY ${orderBy}`,
    )
    .all();
  const dumped: DumpedRow[] = [];
  for (const [index, row] of rows.entries()) {
    const key =
      keyColumns.length === 0 ? String(index + 1) : keyColumns.map((c) => String(row[c])).join(',');
    if (excluded?.has(key) === true) continue;
    dumped.push({ key, columns: Object.fromEntries(columns.map((c) => [c, row[c] ?? null])) });
  }
  return dumped;
}
