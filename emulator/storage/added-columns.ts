/**
 * Columns a type's definition gained after its table was made: a database written by an older
 * aflo-emu lacks the fields added to an object since (an `ALTER TABLE … ADD COLUMN` each), so it
 * opens instead of failing on the first query or index that names them. Nothing is ever dropped
 * or retyped: a field removed from a definition keeps its column, unused.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import { columnType } from './codec.ts';
import { quoteIdent } from './ddl.ts';
import type { SqliteDatabase } from './store.ts';

/** The `ALTER TABLE` statements that add the type's fields its existing table lacks. */
export function addedColumnsSql(db: SqliteDatabase, type: SObjectType): string[] {
  const table = quoteIdent(type.tableName);
  const existing = new Set(
    (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
      (column) => column.name,
    ),
  );
  if (existing.size === 0) return [];
  return type.fields
    .filter((field) => !existing.has(field.name))
    .map(
      (field) =>
        `ALTER TABLE ${table} ADD COLUMN ${quoteIdent(field.name)} ${columnType(field.type)}`,
    );
}
