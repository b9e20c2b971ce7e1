/** One test per DML status code, through partial saves so each record reports its own error. */
import { describe, expect, it } from 'vitest';

import { Database, sobject, type SObjectRecord } from '../../../emulator/apex-api.ts';
import type { Org } from '../../../emulator/org.ts';
import type { SaveResult } from '../../../emulator/dml/results.ts';
import { makeId } from '../../../emulator/ids.ts';
import { demoPackage, PARENT, TICKET, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, runApex } from '../../support/test-org.ts';

async function demoOrg(): Promise<Org> {
  return (await openTestOrg({ packages: [demoPackage()] })).org;
}

function insertPartial(org: Org, records: SObjectRecord[]): Promise<SaveResult[]> {
  return runApex(org, () => Database.insert(records, false));
}

async function errorOf(
  org: Org,
  record: SObjectRecord,
): Promise<SaveResult['errors'][number] | undefined> {
  const [result] = await insertPartial(org, [record]);
  expect(result?.success).toBe(false);
  expect(result?.id).toBeNull();
  return result?.errors[0];
}

describe('DML validation', () => {
  it('reports REQUIRED_FIELD_MISSING with every missing field when required fields are empty', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, sobject(TICKET, { Priority__c: '' }))).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['Subject__c', 'Priority__c'],
    });
    expect(await errorOf(org, sobject(WIDGET, {}))).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['Name'],
    });
  });

  it.each([
    ['Active__c', 'yes'],
    ['Amount__c', 'twelve'],
    ['Due__c', '2026-13-45'],
    ['When__c', 'soon'],
  ])('reports INVALID_TYPE_ON_FIELD_IN_RECORD when %s is given %s', async (field, value) => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ [field]: value }))).toMatchObject({
      statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
      fields: [field],
    });
  });

  it('reports INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST when the value is not in the list', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Status__c: 'Archived' }))).toMatchObject({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['Status__c'],
    });
  });

  it('stores the canonical picklist value when the case differs', async () => {
    const org = await demoOrg();
    await insertPartial(org, [widget({ Status__c: 'done' })]);
    expect(org.query(`SELECT Status__c FROM ${WIDGET}`).records[0]?.Status__c).toBe('Done');
  });

  it('reports STRING_TOO_LONG when text exceeds the field length', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Code__c: 'x'.repeat(11) }))).toMatchObject({
      statusCode: 'STRING_TOO_LONG',
      fields: ['Code__c'],
    });
  });

  it('reports NUMBER_OUTSIDE_VALID_RANGE when a number has too many integer digits', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Amount__c: 1_000_000 }))).toMatchObject({
      statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
    });
  });

  it('reports INVALID_EMAIL_ADDRESS when an email field holds no address', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Email__c: 'not-an-address' }))).toMatchObject({
      statusCode: 'INVALID_EMAIL_ADDRESS',
      fields: ['Email__c'],
    });
  });

  it('reports DUPLICATE_VALUE when a unique value is held by a stored record in any case', async () => {
    const org = await demoOrg();
    const [first] = await insertPartial(org, [widget({ Code__c: 'ABC' })]);
    const error = await errorOf(org, widget({ Code__c: 'abc' }));
    expect(error).toMatchObject({ statusCode: 'DUPLICATE_VALUE', fields: ['Code__c'] });
    expect(error?.message).toContain(String(first?.id));
  });

  it('reports DUPLICATE_VALUE when two records of one call share a unique value', async () => {
    const org = await demoOrg();
    const results = await insertPartial(org, [
      widget({ Code__c: 'K1' }),
      widget({ Code__c: 'k1' }),
    ]);
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect(results[1]?.errors[0]?.statusCode).toBe('DUPLICATE_VALUE');
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(1);
  });

  it('reports INVALID_FIELD when the record names a field the type does not have', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Nope__c: 1 }))).toMatchObject({
      statusCode: 'INVALID_FIELD',
      fields: ['Nope__c'],
    });
  });

  it('reports INVALID_FIELD_FOR_INSERT_UPDATE when the record sets a system field or an Id on insert', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ CreatedDate: new Date() }))).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['CreatedDate'],
    });
    expect(
      await errorOf(org, widget({ Id: makeId(org.requireType(WIDGET).keyPrefix, 7) })),
    ).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['Id'],
    });
  });

  it('inserts the record when its Id is null', async () => {
    const org = await demoOrg();
    const [result] = await insertPartial(org, [widget({ Id: null })]);
    expect(result?.success).toBe(true);
  });

  it('reports MALFORMED_ID when a lookup holds something that is not an Id', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Parent__c: 'not-an-id' }))).toMatchObject({
      statusCode: 'MALFORMED_ID',
      fields: ['Parent__c'],
    });
  });

  it('reports INVALID_CROSS_REFERENCE_KEY when a lookup points at no record', async () => {
    const org = await demoOrg();
    const ghost = makeId(org.requireType(PARENT).keyPrefix, 999);
    expect(await errorOf(org, widget({ Parent__c: ghost }))).toMatchObject({
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      fields: ['Parent__c'],
    });
  });

  it('reports ENTITY_IS_DELETED when a lookup points at a deleted record', async () => {
    const org = await demoOrg();
    const [parent] = await insertPartial(org, [sobject(PARENT, { Name: 'p' })]);
    await runApex(org, () => Database.delete(PARENT, [String(parent?.id)]));
    expect(await errorOf(org, widget({ Parent__c: parent?.id }))).toMatchObject({
      statusCode: 'ENTITY_IS_DELETED',
    });
  });

  it('reports FIELD_INTEGRITY_EXCEPTION when a lookup points at a record of another type', async () => {
    const org = await demoOrg();
    expect(await errorOf(org, widget({ Parent__c: org.userId() }))).toMatchObject({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      fields: ['Parent__c'],
    });
  });

  it('links the parent when a lookup holds its 15-character Id', async () => {
    const org = await demoOrg();
    const [parent] = await insertPartial(org, [sobject(PARENT, { Name: 'p' })]);
    const id15 = String(parent?.id).slice(0, 15);
    await insertPartial(org, [widget({ Parent__c: id15 })]);
    const [row] = org.query(`SELECT Parent__c, Parent__r.Name FROM ${WIDGET}`).records;
    expect(row?.Parent__c).toBe(parent?.id);
    expect(row?.Parent__r).toMatchObject({ Name: 'p' });
  });

  it('converts values to their stored form when they are valid', async () => {
    const org = await demoOrg();
    await insertPartial(org, [
      widget({ Amount__c: 12.345, Due__c: '2026-02-03', When__c: '2026-02-03T04:05:06.000+0000' }),
    ]);
    const [row] = org.query(`SELECT Amount__c, Due__c, When__c, Active__c FROM ${WIDGET}`).records;
    expect(row).toMatchObject({ Amount__c: 12.35, Due__c: '2026-02-03', Active__c: false });
    expect(row?.When__c).toEqual(new Date('2026-02-03T04:05:06.000Z'));
  });

  it('reads a datetime without an offset as UTC when the process runs in another time zone', async () => {
    const org = await demoOrg();
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      await insertPartial(org, [widget({ When__c: '2026-02-03T04:05:06' })]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const [row] = org.query(`SELECT When__c FROM ${WIDGET}`).records;
    expect(row?.When__c).toEqual(new Date('2026-02-03T04:05:06.000Z'));
  });
});
