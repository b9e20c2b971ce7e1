/**
 * The SQL that creates an sObject type's table and indexes. One table per type, named for the
 * type's API name, one column per field named for the field's API name (both quoted, so case is
 * kept). Unique and external-id fields get unique indexes; `indexes` in the object definition add
 * the ones the package's queries need.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import { columnType } from './codec.ts';

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function createTableSql(type: SObjectType): string[] {
  const table = quoteIdent(type.tableName);
  const columns = type.fields.map((field) => {
    const key = field.name === 'Id' ? ' PRIMARY KEY' : '';
    return `${quoteIdent(field.name)} ${columnType(field.type)}${key}`;
  });
  const statements = [`CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')}) STRICT`];

  for (const field of type.fields) {
    if (field.name === 'Id' || !(field.unique || field.externalId)) continue;
    const index = quoteIdent(`${type.tableName}__${field.name}__unique`);
    // Records in the recycle bin do not hold on to their unique values.
    const sql = field.unique
      ? `CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${table} (${quoteIdent(field.name)}) WHERE "IsDeleted" IS NOT 1`
      : `CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${quoteIdent(field.name)})`;
    statements.push(sql);
  }

  for (const index of type.definition.indexes) {
    const name = quoteIdent(`${type.tableName}__${index.fields.join('_')}`);
    const columnsSql = index.fields.map(quoteIdent).join(', ');
    const uniqueness = index.unique ? 'UNIQUE ' : '';
    statements.push(`CREATE ${uniqueness}INDEX IF NOT EXISTS ${name} ON ${table} (${columnsSql})`);
  }
  return statements;
}
