/**
 * Columns a type's definition gained after its table was made: a database written by an older
 * aflo-emu lacks the fields added to an object since (an `ALTER TABLE … ADD COLUMN` each), so it
 * opens instead of failing on the first query or index that names them. Nothing is ever dropped
 * or retyped: a field removed from a definition keeps its column, unused. The emulator's own
 * tables grow the same way (store.ts lists their added columns).
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import { columnType } from './codec.ts';
import { quoteIdent } from './ddl.ts';
import type { SqliteDatabase } from './store.ts';

/** The `ALTER TABLE` statements that add the type's fields its existing table lacks. */
export function addedColumnsSql(db: SqliteDatabase, type: SObjectType): string[] {
  const table = quoteIdent(type.tableName);
  const existing = columnsOf(db, table);
  if (existing.size === 0) return [];
  return type.fields
    .filter((field) => !existing.has(field.name))
    .map(
      (field) =>
        `ALTER TABLE ${table} ADD COLUMN ${quoteIdent(field.name)} ${columnType(field.type)}`,
    );
}

/** A column of one of the emulator's own tables (`emu_…`), with its SQLite type and constraints. */
export interface InternalColumn {
  table: string;
  column: string;
  type: string;
}

/** The `ALTER TABLE` statements that add the internal columns their existing tables lack. */
export function addedInternalColumnsSql(
  db: SqliteDatabase,
  columns: readonly InternalColumn[],
): string[] {
  return columns
    .filter(({ table, column }) => {
      const existing = columnsOf(db, quoteIdent(table));
      return existing.size > 0 && !existing.has(column);
    })
    .map(
      ({ table, column, type }) =>
        `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(column)} ${type}`,
    );
}

function columnsOf(db: SqliteDatabase, quotedTable: string): Set<string> {
  return new Set(
    (db.prepare(`PRAGMA table_info(${quotedTable})`).all() as Array<{ name: string }>).map(
      (column) => column.name,
    ),
  );
}
