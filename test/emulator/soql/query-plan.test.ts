import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ObjectDefinitionInput } from '../../../emulator/metadata/schema.ts';
import { compileSoql, type SoqlOptions } from '../../../emulator/soql/index.ts';
import { createSoqlFixture, NOW, type SoqlFixture } from './soql-fixture.ts';

/** The package's async-event queue, reduced to the fields its job query uses. */
const ASYNC_EVENT: ObjectDefinitionInput = {
  name: 'AFLO__AsyncEvent__c',
  label: 'Async Event',
  nameField: { type: 'autonumber', displayFormat: 'AE-{0000000}' },
  fields: [
    { name: 'AFLO__ObjectType__c', type: 'picklist', values: ['Customer', 'Promotion'] },
    { name: 'AFLO__Status__c', type: 'picklist', values: ['Pending', 'Failed', 'Processed'] },
    { name: 'AFLO__Timestamp__c', type: 'datetime' },
    { name: 'AFLO__NextAttemptAt__c', type: 'datetime' },
    { name: 'AFLO__Payload__c', type: 'longtext' },
  ],
  indexes: [{ fields: ['AFLO__ObjectType__c', 'AFLO__Status__c', 'AFLO__Timestamp__c', 'Name'] }],
};

const NEXT_EVENT =
  "SELECT Id, Name, AFLO__Payload__c FROM AFLO__AsyncEvent__c WHERE AFLO__ObjectType__c = :type AND AFLO__Status__c = 'Pending' ORDER BY AFLO__Timestamp__c, Name LIMIT 1";

let org: SoqlFixture;

beforeEach(() => {
  org = createSoqlFixture([ASYNC_EVENT]);
  const type = org.schema.find('AFLO__AsyncEvent__c');
  if (type === undefined) throw new Error('AFLO__AsyncEvent__c is not defined');
  const rows: [string, string, string, string][] = [
    ['AE-0000003', 'Customer', 'Pending', '2024-05-01T10:00:00Z'],
    ['AE-0000002', 'Customer', 'Pending', '2024-05-01T09:00:00Z'],
    ['AE-0000001', 'customer', 'pending', '2024-05-01T09:00:00Z'],
    ['AE-0000004', 'Customer', 'Processed', '2024-04-01T00:00:00Z'],
    ['AE-0000005', 'Promotion', 'Pending', '2024-04-01T00:00:00Z'],
  ];
  for (const [name, objectType, status, timestamp] of rows) {
    const fields = { AFLO__ObjectType__c: objectType, AFLO__Status__c: status };
    org.insert(type, {
      Name: name,
      ...fields,
      AFLO__Timestamp__c: new Date(timestamp),
      AFLO__NextAttemptAt__c: NOW,
    });
  }
});

afterEach(() => org.close());

function plan(soql: string, options: SoqlOptions): string[] {
  const compiled = compileSoql(soql, org.schema, options);
  const rows = org.db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${compiled.sql}`)
    .all(...compiled.params);
  return rows.map((row) => row.detail);
}

describe('the async-event job query', () => {
  it('does pick the oldest pending event, comparing picklists case-insensitively', () => {
    const result = org.query(NEXT_EVENT, { binds: { type: 'CUSTOMER' } });
    expect(result.records.map((record) => record.Name)).toEqual(['AE-0000001']);
  });

  it('does search the (ObjectType, Status, Timestamp, Name) index without a scan or a temp B-tree', () => {
    const details = plan(NEXT_EVENT, { binds: { type: 'Customer' } });
    expect(details.join('\n')).toMatch(
      /SEARCH t0 USING INDEX "?AFLO__AsyncEvent__c__AFLO__ObjectType__c_AFLO__Status__c_AFLO__Timestamp__c_Name"? \(AFLO__ObjectType__c=\? AND AFLO__Status__c=\?\)/,
    );
    expect(details.some((detail) => detail.includes('SCAN'))).toBe(false);
    expect(details.some((detail) => detail.includes('TEMP B-TREE'))).toBe(false);
  });

  it('does keep the index when the package adds a NextAttemptAt bound', () => {
    const soql =
      "SELECT Id FROM AFLO__AsyncEvent__c WHERE AFLO__ObjectType__c = :objectType AND AFLO__Status__c = 'Pending' AND AFLO__NextAttemptAt__c <= :now ORDER BY AFLO__Timestamp__c, Name LIMIT 1";
    const details = plan(soql, { binds: { objectType: 'Customer', now: NOW } });
    expect(
      details.some((detail) => detail.includes('SCAN') || detail.includes('TEMP B-TREE')),
    ).toBe(false);
  });

  it('does reuse the parse when the same text runs with other binds', () => {
    const customer = compileSoql(NEXT_EVENT, org.schema, { binds: { type: 'Customer' } });
    const promotion = compileSoql(NEXT_EVENT, org.schema, { binds: { type: 'Promotion' } });
    expect(promotion.sql).toBe(customer.sql);
    expect(promotion.params).toEqual(['Promotion', 'Pending', 1]);
    expect(org.query(NEXT_EVENT, { binds: { type: 'Promotion' } }).records[0]?.Name).toBe(
      'AE-0000005',
    );
  });
});
