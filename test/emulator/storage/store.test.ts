import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { SchemaRegistry } from '../../../emulator/metadata/schema-registry.ts';
import type { FieldDefinition } from '../../../emulator/metadata/schema.ts';
import { formatDatetime, fromSql, toSql, valueToWire } from '../../../emulator/storage/codec.ts';
import { RecordTable } from '../../../emulator/storage/records.ts';
import { applySchema, openDatabase, Sequences } from '../../../emulator/storage/store.ts';
import { tempDatabasePath } from '../../support/test-org.ts';

function field(type: FieldDefinition['type']): FieldDefinition {
  return {
    name: 'F',
    type,
    required: false,
    unique: false,
    externalId: false,
    restricted: true,
    system: false,
  };
}

describe('codec', () => {
  it('round-trips each field type when stored and read back', () => {
    const when = new Date('2026-03-04T05:06:07.089Z');
    const cases: Array<[FieldDefinition['type'], unknown]> = [
      ['checkbox', true],
      ['checkbox', false],
      ['datetime', when],
      ['number', 12.5],
      ['date', '2026-03-04'],
      ['text', 'héllo'],
      ['lookup', '001D000000IqhSLIAZ'],
    ];
    for (const [type, value] of cases) {
      const stored = toSql(field(type), value as never);
      expect(fromSql(field(type), stored)).toEqual(value);
    }
    expect(toSql(field('datetime'), when)).toBe(when.getTime());
    expect(toSql(field('checkbox'), true)).toBe(1);
    expect(toSql(field('text'), null)).toBeNull();
  });

  it('writes datetimes the way the REST API does when mapping to the wire', () => {
    const when = new Date('2024-05-01T10:30:00.000Z');
    expect(formatDatetime(when)).toBe('2024-05-01T10:30:00.000+0000');
    expect(valueToWire(field('datetime'), when)).toBe('2024-05-01T10:30:00.000+0000');
    expect(valueToWire(field('checkbox'), null)).toBe(false);
  });
});

describe('store', () => {
  it('creates the tables again without harm when the schema is applied twice', () => {
    const schema = new SchemaRegistry();
    const type = schema.define({
      name: 'A__c',
      label: 'A',
      fields: [{ name: 'U__c', type: 'text', unique: true }],
    });
    const db = new Database(':memory:');
    try {
      applySchema(db, schema);
      applySchema(db, schema);
      const table = new RecordTable(db, type);
      table.insert({
        attributes: { type: 'A__c' },
        Id: 'a00000000000001AAA',
        Name: 'x',
        U__c: 'k',
        IsDeleted: false,
      });
      expect(table.get('a00000000000001AAA')).toMatchObject({
        Name: 'x',
        U__c: 'k',
        IsDeleted: false,
      });
      expect(table.findBy('u__c', 'K')).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('lets a deleted record give up its unique value when the storage index is checked', () => {
    const schema = new SchemaRegistry();
    const type = schema.define({
      name: 'A__c',
      label: 'A',
      fields: [{ name: 'U__c', type: 'text', unique: true }],
    });
    const db = new Database(':memory:');
    try {
      applySchema(db, schema);
      const table = new RecordTable(db, type);
      table.insert({
        attributes: { type: 'A__c' },
        Id: 'a00000000000001AAA',
        U__c: 'k',
        IsDeleted: true,
      });
      table.insert({
        attributes: { type: 'A__c' },
        Id: 'a00000000000002AAA',
        U__c: 'K',
        IsDeleted: false,
      });
      expect(() =>
        table.insert({
          attributes: { type: 'A__c' },
          Id: 'a00000000000003AAA',
          U__c: 'k',
          IsDeleted: false,
        }),
      ).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });

  it('continues a sequence where it stopped when the database is reopened', () => {
    const path = tempDatabasePath();
    const schema = new SchemaRegistry();
    const first = openDatabase(path);
    applySchema(first, schema);
    const sequences = new Sequences(first);
    expect(sequences.reserve('id.a00', 3)).toBe(1);
    expect(sequences.reserve('id.a00')).toBe(4);
    first.close();

    const second = openDatabase(path);
    try {
      expect(new Sequences(second).reserve('id.a00')).toBe(5);
      expect(second.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      second.close();
    }
  });
});
