import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../../emulator/metadata/schema-registry.ts';
import type { ObjectDefinitionInput } from '../../../emulator/metadata/schema.ts';
import { RecordTable } from '../../../emulator/storage/records.ts';
import { applySchema } from '../../../emulator/storage/store.ts';

const OLD: ObjectDefinitionInput = {
  name: 'A__c',
  label: 'A',
  fields: [{ name: 'Old__c', type: 'text' }],
};
const NEW: ObjectDefinitionInput = {
  ...OLD,
  fields: [...OLD.fields, { name: 'New__c', type: 'text', length: 40 }],
  indexes: [{ fields: ['New__c'] }],
};

function schemaOf(definition: ObjectDefinitionInput): SchemaRegistry {
  const schema = new SchemaRegistry();
  schema.define(definition);
  return schema;
}

describe('applySchema on a database made by an older definition', () => {
  it('adds the fields the definition gained, with their indexes, and keeps the rows', () => {
    const db = new Database(':memory:');
    try {
      applySchema(db, schemaOf(OLD));
      const before = new RecordTable(db, schemaOf(OLD).all()[0]!);
      before.insert({
        attributes: { type: 'A__c' },
        Id: 'a00000000000001AAA',
        Name: 'kept',
        Old__c: 'o',
        IsDeleted: false,
      });

      const schema = schemaOf(NEW);
      applySchema(db, schema);
      const table = new RecordTable(db, schema.all()[0]!);

      expect(table.get('a00000000000001AAA')).toMatchObject({
        Name: 'kept',
        Old__c: 'o',
        New__c: null,
      });
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'A__c'")
        .all();
      expect(indexes).toContainEqual({ name: 'A__c__New__c' });
    } finally {
      db.close();
    }
  });
});
