/**
 * Records and rows. A record is what Apex code and the REST API see: canonical field names, Apex
 * values, `attributes.type`. A row is what SQLite stores. This file is the one mapper between them
 * and the only place that reads or writes sObject tables outside SOQL.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import { fromSql, toSql, type FieldValue, type SqlValue } from './codec.ts';
import { quoteIdent } from './ddl.ts';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './store.ts';

/**
 * An sObject record: field values keyed by API name, with its type in `attributes`. A queried
 * record also carries its parents (records) and its child subqueries' results (ChildRecords).
 */
export interface SObjectRecord {
  attributes?: { type: string; url?: string };
  Id?: string;
  [field: string]:
    FieldValue | undefined | { type: string; url?: string } | SObjectRecord | ChildRecords | null;
}

/** A child subquery's records on a queried parent record: `{ totalSize, done, records }`. */
export interface ChildRecords {
  totalSize: number;
  done: boolean;
  records: SObjectRecord[];
}

/** A stored record with every field present: what triggers and DML results carry. */
export type StoredRecord = SObjectRecord & { attributes: { type: string }; Id: string };

export function rowToRecord(type: SObjectType, row: Record<string, unknown>): StoredRecord {
  const record: SObjectRecord = { attributes: { type: type.name } };
  for (const field of type.fields) record[field.name] = fromSql(field, row[field.name]);
  return record as StoredRecord;
}

/** Reads and writes one type's table with prepared statements, cached per type. */
export class RecordTable {
  private readonly byIdStatement;
  private readonly insertStatement;
  private readonly updateStatements = new Map<string, Statement<SqlValue[]>>();
  private readonly findStatements = new Map<string, Statement<SqlValue[]>>();
  private readonly findIdStatements = new Map<string, Statement<SqlValue[]>>();
  private readonly isDeletedStatement;
  private scanStatement: Statement<[]> | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    readonly type: SObjectType,
  ) {
    const table = quoteIdent(type.tableName);
    this.byIdStatement = db.prepare(`SELECT * FROM ${table} WHERE "Id" = ?`);
    this.isDeletedStatement = db.prepare(`SELECT "IsDeleted" FROM ${table} WHERE "Id" = ?`);
    const columns = type.fields.map((field) => quoteIdent(field.name));
    const placeholders = type.fields.map(() => '?');
    this.insertStatement = db.prepare<SqlValue[]>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`,
    );
  }

  /** The record with this Id, deleted or not, or undefined. */
  get(id: string): StoredRecord | undefined {
    const row = this.byIdStatement.get(id) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : rowToRecord(this.type, row);
  }

  /** Every record, deleted ones included, in Id order, read one row at a time (a dump). */
  *scan(): IterableIterator<StoredRecord> {
    this.scanStatement ??= this.db.prepare(
      `SELECT * FROM ${quoteIdent(this.type.tableName)} ORDER BY "Id"`,
    );
    for (const row of this.scanStatement.iterate() as IterableIterator<Record<string, unknown>>)
      yield rowToRecord(this.type, row);
  }

  /** Whether the record is deleted (in the recycle bin), or undefined when there is no such record. */
  isDeleted(id: string): boolean | undefined {
    const row = this.isDeletedStatement.get(id) as { IsDeleted: number | null } | undefined;
    return row === undefined ? undefined : row.IsDeleted === 1;
  }

  /** The Ids of the live records whose `fieldName` equals `value` (case-insensitive for text). */
  findIds(fieldName: string, value: FieldValue): string[] {
    const field = this.type.getField(fieldName);
    if (field === undefined) return [];
    let statement = this.findIdStatements.get(field.name);
    if (statement === undefined) {
      statement = this.db.prepare<SqlValue[]>(
        `SELECT "Id" FROM ${quoteIdent(this.type.tableName)} WHERE ${quoteIdent(field.name)} = ? AND "IsDeleted" IS NOT 1`,
      );
      this.findIdStatements.set(field.name, statement);
    }
    return (statement.all(toSql(field, value)) as Array<{ Id: string }>).map((row) => row.Id);
  }

  /** The live (not deleted) records whose `fieldName` equals `value` (case-insensitive for text). */
  findBy(fieldName: string, value: FieldValue): StoredRecord[] {
    const field = this.type.getField(fieldName);
    if (field === undefined) return [];
    let statement = this.findStatements.get(field.name);
    if (statement === undefined) {
      statement = this.db.prepare<SqlValue[]>(
        `SELECT * FROM ${quoteIdent(this.type.tableName)} WHERE ${quoteIdent(field.name)} = ? AND "IsDeleted" IS NOT 1`,
      );
      this.findStatements.set(field.name, statement);
    }
    const rows = statement.all(toSql(field, value)) as Record<string, unknown>[];
    return rows.map((row) => rowToRecord(this.type, row));
  }

  insert(record: StoredRecord): void {
    const values: SqlValue[] = this.type.fields.map((field) =>
      toSql(field, record[field.name] as FieldValue),
    );
    this.insertStatement.run(...values);
  }

  /** Writes the named fields of a record (all other columns stay as they are). */
  update(id: string, changes: Record<string, FieldValue>): void {
    const names = Object.keys(changes).sort();
    if (names.length === 0) return;
    const key = names.join(',');
    let statement = this.updateStatements.get(key);
    if (statement === undefined) {
      const sets = names.map((name) => `${quoteIdent(name)} = ?`).join(', ');
      statement = this.db.prepare<SqlValue[]>(
        `UPDATE ${quoteIdent(this.type.tableName)} SET ${sets} WHERE "Id" = ?`,
      );
      this.updateStatements.set(key, statement);
    }
    const values = names.map((name) => {
      const field = this.type.getField(name);
      if (field === undefined) throw new Error(`no field ${name} on ${this.type.name}`);
      return toSql(field, changes[name] ?? null);
    });
    statement.run(...values, id);
  }

  /** Removes a record's row for good (platform-owned rows only; DML deletes to the recycle bin). */
  hardDelete(id: string): void {
    this.db.prepare(`DELETE FROM ${quoteIdent(this.type.tableName)} WHERE "Id" = ?`).run(id);
  }
}
