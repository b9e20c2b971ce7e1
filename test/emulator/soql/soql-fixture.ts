/**
 * A small org for SOQL tests: an Account-like standard type and a custom child with a lookup to
 * it, in a fresh in-memory SQLite database. Rows are written with plain SQL in the storage
 * encodings (codec.toSql), so the tests exercise SOQL alone.
 */
import Database from 'better-sqlite3';

import { makeId } from '../../../emulator/ids.ts';
import type { ObjectDefinitionInput } from '../../../emulator/metadata/schema.ts';
import { SchemaRegistry } from '../../../emulator/metadata/schema-registry.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import { SalesforceError } from '../../../emulator/errors.ts';
import {
  compileSoql,
  query,
  type QueryResult,
  type SoqlOptions,
} from '../../../emulator/soql/index.ts';
import { toSql, type FieldValue } from '../../../emulator/storage/codec.ts';
import { createTableSql, quoteIdent } from '../../../emulator/storage/ddl.ts';

export const NOW = new Date('2024-05-15T12:00:00.000Z');

const ACCOUNT: ObjectDefinitionInput = {
  name: 'Account',
  label: 'Account',
  keyPrefix: '001',
  custom: false,
  fields: [
    { name: 'Industry', type: 'text', length: 40 },
    { name: 'NumberOfEmployees', type: 'number', precision: 8, scale: 0 },
    { name: 'Active__c', type: 'checkbox', defaultValue: false },
    { name: 'Founded__c', type: 'date' },
    { name: 'Description', type: 'longtext' },
  ],
};

const INVOICE: ObjectDefinitionInput = {
  name: 'AFLO__Invoice__c',
  label: 'Invoice',
  nameField: { type: 'autonumber', displayFormat: 'INV-{0000}' },
  fields: [
    {
      name: 'AFLO__Customer__c',
      type: 'lookup',
      referenceTo: 'Account',
      relationshipName: 'AFLO__Customer__r',
      childRelationshipName: 'AFLO__Invoices__r',
    },
    { name: 'AFLO__Amount__c', type: 'number', precision: 10, scale: 2 },
    { name: 'AFLO__Status__c', type: 'picklist', values: ['Open', 'Paid'] },
    { name: 'AFLO__Issued__c', type: 'datetime' },
  ],
};

export interface SoqlFixture {
  db: Database.Database;
  schema: SchemaRegistry;
  account: SObjectType;
  invoice: SObjectType;
  /** Inserts a row (IsDeleted false unless given) and returns its 18-character Id. */
  insert(type: SObjectType, fields: Record<string, FieldValue>): string;
  query(soql: string, options?: SoqlOptions & { apiVersion?: string }): QueryResult;
  /** The values of one field of the records a query returns, in order. */
  values(soql: string, field: string, options?: SoqlOptions): unknown[];
  /** The SalesforceError compiling `soql` throws; throws itself when the query compiles. */
  failure(soql: string, options?: SoqlOptions): SalesforceError;
  close(): void;
}

export function createSoqlFixture(extra: ObjectDefinitionInput[] = []): SoqlFixture {
  const schema = new SchemaRegistry();
  const account = schema.define(ACCOUNT);
  const invoice = schema.define(INVOICE);
  for (const definition of extra) schema.define(definition);

  const db = new Database(':memory:');
  for (const type of schema.all()) {
    for (const statement of createTableSql(type)) db.exec(statement);
  }

  const counters = new Map<SObjectType, number>();
  const insert = (type: SObjectType, fields: Record<string, FieldValue>): string => {
    const n = (counters.get(type) ?? 0) + 1;
    counters.set(type, n);
    const id = makeId(type.keyPrefix, n);
    const record: Record<string, FieldValue> = { IsDeleted: false, ...fields, Id: id };
    const names = Object.keys(record);
    const values = names.map((name) => {
      const field = type.getField(name);
      if (field === undefined) throw new Error(`no field ${name} on ${type.name}`);
      return toSql(field, record[name]);
    });
    const columns = names.map(quoteIdent).join(', ');
    const placeholders = names.map(() => '?').join(', ');
    db.prepare(
      `INSERT INTO ${quoteIdent(type.tableName)} (${columns}) VALUES (${placeholders})`,
    ).run(...values);
    return id;
  };

  const run = (soql: string, options: SoqlOptions = {}): QueryResult =>
    query(db, soql, schema, { now: NOW, ...options });

  return {
    db,
    schema,
    account,
    invoice,
    insert,
    query: run,
    values: (soql, field, options) => run(soql, options).records.map((record) => record[field]),
    failure: (soql, options) => {
      try {
        compileSoql(soql, schema, options);
      } catch (error) {
        if (error instanceof SalesforceError) return error;
        throw error;
      }
      throw new Error(`expected ${soql} to fail`);
    },
    close: () => db.close(),
  };
}
