import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  loadObjectDefinitions,
  loadObjectFile,
  MetadataError,
  STANDARD_OBJECTS_DIR,
} from '../../../emulator/metadata/load.ts';
import { SchemaRegistry } from '../../../emulator/metadata/schema-registry.ts';
import { tempDatabasePath } from '../../support/test-org.ts';

describe('SchemaRegistry', () => {
  it('assigns custom prefixes a00, a01, … when definitions give none', () => {
    const schema = new SchemaRegistry();
    const first = schema.define({ name: 'One__c', label: 'One', fields: [] });
    const second = schema.define({ name: 'Two__c', label: 'Two', fields: [] });
    expect([first.keyPrefix, second.keyPrefix]).toEqual(['a00', 'a01']);
    expect(schema.findByPrefix('a01')).toBe(second);
  });

  it('skips a prefix when a definition already claimed it', () => {
    const schema = new SchemaRegistry();
    schema.define({ name: 'Fixed__c', label: 'Fixed', keyPrefix: 'a00', fields: [] });
    expect(schema.define({ name: 'Next__c', label: 'Next', fields: [] }).keyPrefix).toBe('a01');
  });

  it('finds types in any case when asked by name', () => {
    const schema = new SchemaRegistry();
    const type = schema.define({ name: 'Demo__c', label: 'Demo', fields: [] });
    expect(schema.find('demo__C')).toBe(type);
    expect(schema.find('Other__c')).toBeUndefined();
  });

  it('refuses when a name or a key prefix is defined twice', () => {
    const schema = new SchemaRegistry();
    schema.define({ name: 'Demo__c', label: 'Demo', keyPrefix: 'a0A', fields: [] });
    expect(() => schema.define({ name: 'DEMO__c', label: 'Again', fields: [] })).toThrow(/twice/);
    expect(() =>
      schema.define({ name: 'Other__c', label: 'O', keyPrefix: 'a0A', fields: [] }),
    ).toThrow(/already used/);
  });

  it('refuses when a picklist has no values or a lookup no target', () => {
    const schema = new SchemaRegistry();
    expect(() =>
      schema.define({ name: 'P__c', label: 'P', fields: [{ name: 'S__c', type: 'picklist' }] }),
    ).toThrow(/needs values/);
    expect(() =>
      schema.define({ name: 'L__c', label: 'L', fields: [{ name: 'R__c', type: 'lookup' }] }),
    ).toThrow(/needs referenceTo/);
  });
});

describe('SObjectType', () => {
  it('adds Id, a required Name and the audit fields when the object is custom', () => {
    const type = new SchemaRegistry().define({
      name: 'Demo__c',
      label: 'Demo',
      fields: [
        { name: 'Lookup__c', type: 'lookup', referenceTo: 'User', relationshipName: 'Lookup__r' },
      ],
    });
    expect(type.fields.map((field) => field.name)).toEqual([
      'Id',
      'Name',
      'Lookup__c',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'LastModifiedById',
      'SystemModstamp',
      'IsDeleted',
    ]);
    expect(type.getField('name')).toMatchObject({ name: 'Name', required: true, length: 80 });
    expect(type.getField('createddate')?.system).toBe(true);
    expect(type.getRelationship('LOOKUP__R')?.name).toBe('Lookup__c');
    expect(type.getRelationship('CreatedBy')?.name).toBe('CreatedById');
  });

  it('makes Name a system auto-number when the name field is an auto-number', () => {
    const type = new SchemaRegistry().define({
      name: 'T__c',
      label: 'T',
      nameField: { type: 'autonumber', displayFormat: 'T-{0000}' },
      fields: [],
    });
    expect(type.getField('Name')).toMatchObject({
      type: 'autonumber',
      system: true,
      displayFormat: 'T-{0000}',
    });
  });

  it('has no Name when the name field is none', () => {
    const type = new SchemaRegistry().define({
      name: 'N__c',
      label: 'N',
      nameField: { type: 'none' },
      fields: [],
    });
    expect(type.getField('Name')).toBeUndefined();
    expect(type.hasNameField).toBe(false);
  });
});

describe('child relationships', () => {
  const lookup = (name: string, referenceTo: string, extra: Record<string, string> = {}) => ({
    name,
    type: 'lookup' as const,
    referenceTo,
    relationshipName: name.replace(/__c$/, '__r'),
    ...extra,
  });

  it('names a lookup’s child relationship as declared, found in any case', () => {
    const schema = new SchemaRegistry();
    const parent = schema.define({ name: 'Parent__c', label: 'Parent', fields: [] });
    const child = schema.define({
      name: 'Child__c',
      label: 'Child',
      fields: [lookup('Parent__c', 'Parent__c', { childRelationshipName: 'Kids__r' })],
    });

    expect(schema.findChildRelationship(parent, 'kids__R')).toMatchObject({
      childType: child,
      field: { name: 'Parent__c' },
      relationshipName: 'Kids__r',
    });
    expect(schema.findChildRelationship(parent, 'Child__cs__r')).toBeUndefined();
  });

  it('makes a name from the child object when none is declared, and gives system lookups none', () => {
    const schema = new SchemaRegistry();
    // The child is defined first, as object files load in name order.
    schema.define({
      name: 'Line__c',
      label: 'Line',
      fields: [lookup('Order__c', 'Order__c'), lookup('Again__c', 'Order__c')],
    });
    const order = schema.define({ name: 'Order__c', label: 'Order', fields: [] });
    const user = schema.define({ name: 'User', label: 'User', custom: false, fields: [] });

    expect(schema.childRelationships(order).map((r) => [r.field.name, r.relationshipName])).toEqual(
      [
        ['Order__c', 'Lines__r'],
        // The made-up name is taken: this lookup has no child relationship.
        ['Again__c', null],
      ],
    );
    // The audit lookups (CreatedById, LastModifiedById) of all three point at User, unnamed.
    expect(schema.childRelationships(user).map((r) => r.relationshipName)).toEqual(
      Array.from({ length: 6 }, () => null),
    );
  });

  it('refuses a declared name used twice for one parent, defining nothing', () => {
    const schema = new SchemaRegistry();
    const parent = schema.define({ name: 'Parent__c', label: 'Parent', fields: [] });
    const fields = [
      lookup('One__c', 'Parent__c', { childRelationshipName: 'Kids__r' }),
      lookup('Two__c', 'Parent__c', { childRelationshipName: 'KIDS__r' }),
    ];

    expect(() => schema.define({ name: 'Child__c', label: 'Child', fields })).toThrow(
      /child relationship KIDS__r of Parent__c is declared twice/,
    );
    expect(schema.find('Child__c')).toBeUndefined();
    expect(schema.childRelationships(parent)).toEqual([]);
  });

  it('refuses a childRelationshipName on a field that is not a lookup', () => {
    const fields = [{ name: 'Text__c', type: 'text' as const, childRelationshipName: 'Kids__r' }];
    expect(() => new SchemaRegistry().define({ name: 'X__c', label: 'X', fields })).toThrow(
      /not a lookup/,
    );
  });
});

describe('loadObjectDefinitions', () => {
  it('loads AsyncApexJob, ApexClass and User with their prefixes when reading the standard folder', () => {
    const byName = new Map(loadObjectDefinitions(STANDARD_OBJECTS_DIR).map((d) => [d.name, d]));
    expect(byName.get('AsyncApexJob')?.keyPrefix).toBe('707');
    expect(byName.get('ApexClass')?.keyPrefix).toBe('01p');
    expect(byName.get('User')?.keyPrefix).toBe('005');
    expect(byName.get('AsyncApexJob')?.createable).toBe(false);
  });

  it('names the file and the field when a definition is invalid', () => {
    const dir = dirname(tempDatabasePath());
    const bad = join(dir, 'Bad__c.object.json');
    writeFileSync(
      bad,
      JSON.stringify({ name: 'Bad__c', label: 'Bad', fields: [{ name: 'X', type: 'nope' }] }),
    );
    expect(() => loadObjectFile(bad)).toThrow(MetadataError);
    expect(() => loadObjectFile(bad)).toThrow(/Bad__c\.object\.json: fields\.0\.type/);

    writeFileSync(bad, '{ not json');
    expect(() => loadObjectFile(bad)).toThrow(/not valid JSON/);
  });
});
