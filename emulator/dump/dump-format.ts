/**
 * The org dump as text and as JSON.
 *
 * Text is made for `diff`: one line per field, each line whole on its own —
 * `<type> <Id> <field> <value as JSON>` — so a changed field is one changed line that says which
 * record it belongs to however far the record's first line is, and `grep a02000000000007` finds
 * a record. Values are JSON, so text with line breaks stays on its line and `"null"` differs
 * from `null`. The emulator's own tables follow the records, in the same four columns:
 * `<table> <key> <column> <value>` (`emu_job_queue 7070000000000A7AAA not_before 1767247200000`,
 * `emu_sequence id.707 value 12`).
 */
import type { OrgDump } from './org-dump.ts';

/** The dump as text lines (without line ends), in the dump's order. */
export function renderDumpText(dump: OrgDump): string[] {
  const lines: string[] = [];
  for (const record of dump.records) {
    for (const [field, value] of Object.entries(record.fields)) {
      lines.push(`${record.type} ${record.id} ${field} ${JSON.stringify(value)}`);
    }
  }

  for (const [table, rows] of Object.entries(dump.tables)) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row.columns)) {
        lines.push(`${table} ${keyText(row.key)} ${column} ${JSON.stringify(value)}`);
      }
    }
  }
  return lines;
}

/** A key as its own column: as it is, or as JSON when it holds white space (none does yet). */
function keyText(key: string): string {
  return /^\S+$/.test(key) ? key : JSON.stringify(key);
}

/** The dump as one JSON document, indented by two spaces (no final line end). */
export function renderDumpJson(dump: OrgDump): string {
  return JSON.stringify(dump, null, 2);
}
