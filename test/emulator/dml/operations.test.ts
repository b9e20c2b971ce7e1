/** Insert, update, upsert and delete: what they store, what they report, and the audit fields. */
import { describe, expect, it } from 'vitest';

import { Database, DmlException, Limits, sobject } from '../../../emulator/apex-api.ts';
import type { Org } from '../../../emulator/org.ts';
import { makeId } from '../../../emulator/ids.ts';
import { demoPackage, TICKET, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, rejectionOf, runApex, START, type TestOrg } from '../../support/test-org.ts';

function demoOrg(): Promise<TestOrg> {
  return openTestOrg({ packages: [demoPackage()] });
}

async function insertWidget(org: Org, fields: Parameters<typeof widget>[0] = {}): Promise<string> {
  const [result] = await runApex(org, () => Database.insert([widget(fields)]));
  return String(result?.id);
}

describe('insert', () => {
  it('stores the record with defaults and audit fields from the org clock when it is valid', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org, { Name: 'first' });

    const [row] = org.query(
      `SELECT Id, Name, Active__c, IsDeleted, CreatedDate, LastModifiedDate, SystemModstamp, CreatedById, LastModifiedById FROM ${WIDGET}`,
    ).records;
    expect(row).toMatchObject({ Id: id, Name: 'first', Active__c: false, IsDeleted: false });
    for (const field of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) {
      expect(row?.[field]).toEqual(new Date(START));
    }
    expect(row?.CreatedById).toBe(org.userId());
    expect(row?.LastModifiedById).toBe(org.userId());
  });

  it('numbers auto-number names in order when records are inserted', async () => {
    const { org } = await demoOrg();
    const tickets = [1, 2, 3].map((n) =>
      sobject(TICKET, { Subject__c: `s${n}`, Priority__c: 'High' }),
    );
    await runApex(org, () => Database.insert(tickets));
    await runApex(org, () =>
      Database.insert([sobject(TICKET, { Subject__c: 's4', Priority__c: 'Low' })]),
    );
    const names = org
      .query(`SELECT Name FROM ${TICKET} ORDER BY Subject__c`)
      .records.map((r) => r.Name);
    expect(names).toEqual(['T-0001', 'T-0002', 'T-0003', 'T-0004']);
  });

  it('returns one result per record in order when some fail', async () => {
    const { org } = await demoOrg();
    const results = await runApex(org, () =>
      Database.insert(
        [widget({ Name: 'a' }), widget({ Status__c: 'Bad' }), widget({ Name: 'c' })],
        false,
      ),
    );
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({
      id: null,
      errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }],
    });
    const names = org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name);
    expect(names).toEqual(['a', 'c']);
  });

  it('throws a DmlException and writes nothing when all or none is asked and one record fails', async () => {
    const { org } = await demoOrg();
    let caught: unknown;
    await runApex(org, () => {
      try {
        Database.insert([widget({ Name: 'good' }), widget({ Code__c: 'x'.repeat(20) })]);
      } catch (error) {
        caught = error;
      }
    });

    expect(caught).toBeInstanceOf(DmlException);
    const exception = caught as DmlException;
    expect(exception.type).toBe('System.DmlException');
    expect(exception.statusCode).toBe('STRING_TOO_LONG');
    expect(exception.rows).toMatchObject([
      { index: 1, statusCode: 'STRING_TOO_LONG', fields: ['Code__c'] },
    ]);
    expect(exception.message).toMatch(
      /^Insert failed\. First exception on row 1; first error: STRING_TOO_LONG/,
    );
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
  });

  it('does nothing and counts no DML statement when the list is empty', async () => {
    const { org } = await demoOrg();
    const outcome = await runApex(org, (tx) => ({
      results: Database.insert([]),
      updated: Database.update([]),
      upserted: Database.upsert([]),
      deleted: Database.delete(WIDGET, []),
      statements: Limits.getDmlStatements(),
      pending: tx.hasPendingWork,
    }));
    expect(outcome).toEqual({
      results: [],
      updated: [],
      upserted: [],
      deleted: [],
      statements: 0,
      pending: false,
    });
  });

  it('refuses when the type is not createable by package code', async () => {
    const { org } = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () => Database.insert([sobject('AsyncApexJob', {})])),
    );
    expect(error).toMatchObject({ type: 'System.TypeException' });
  });
});

describe('update', () => {
  it('changes the fields and LastModifiedDate but keeps CreatedDate when the clock has moved', async () => {
    const { org, clock } = await demoOrg();
    const id = await insertWidget(org, { Name: 'before', Amount__c: 1 });
    clock.advance(3_600_000);

    const [result] = await runApex(org, () =>
      Database.update([sobject(WIDGET, { Id: id, Name: 'after' })]),
    );
    expect(result).toEqual({ id, success: true, errors: [] });
    const [row] = org.query(
      `SELECT Name, Amount__c, CreatedDate, LastModifiedDate, SystemModstamp FROM ${WIDGET}`,
    ).records;
    expect(row).toMatchObject({ Name: 'after', Amount__c: 1 });
    expect(row?.CreatedDate).toEqual(new Date(START));
    expect(row?.LastModifiedDate).toEqual(new Date('2026-01-01T01:00:00.000Z'));
    expect(row?.SystemModstamp).toEqual(new Date('2026-01-01T01:00:00.000Z'));
  });

  it('finds the record when given its 15-character Id', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org);
    const [result] = await runApex(org, () =>
      Database.update([sobject(WIDGET, { Id: id.slice(0, 15), Name: 'x' })]),
    );
    expect(result?.id).toBe(id);
  });

  it('clears a field when it is set to null', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org, { Amount__c: 5 });
    await runApex(org, () => Database.update([sobject(WIDGET, { Id: id, Amount__c: null })]));
    expect(org.query(`SELECT Amount__c FROM ${WIDGET}`).records[0]?.Amount__c).toBeNull();
  });

  it('reports MALFORMED_ID, INVALID_CROSS_REFERENCE_KEY and ENTITY_IS_DELETED when the Id is bad, unknown or deleted', async () => {
    const { org } = await demoOrg();
    const deleted = await insertWidget(org, { Name: 'gone' });
    await runApex(org, () => Database.delete(WIDGET, [deleted]));
    const unknown = makeId(org.requireType(WIDGET).keyPrefix, 999);

    const results = await runApex(org, () =>
      Database.update(
        [
          sobject(WIDGET, { Id: 'garbage' }),
          sobject(WIDGET, { Id: unknown }),
          sobject(WIDGET, { Id: deleted }),
        ],
        false,
      ),
    );
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'MALFORMED_ID',
      'INVALID_CROSS_REFERENCE_KEY',
      'ENTITY_IS_DELETED',
    ]);
  });

  it('reports INVALID_FIELD_FOR_INSERT_UPDATE when an update sets a system field', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org);
    const [result] = await runApex(org, () =>
      Database.update([sobject(WIDGET, { Id: id, LastModifiedDate: new Date() })], false),
    );
    expect(result?.errors[0]).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['LastModifiedDate'],
    });
  });

  it('ignores related records when a queried record is updated', async () => {
    const { org } = await demoOrg();
    const [parent] = await runApex(org, () =>
      Database.insert([sobject('Demo_Parent__c', { Name: 'p' })]),
    );
    await insertWidget(org, { Parent__c: parent?.id });
    const [queried] = org.query(`SELECT Id, Name, Parent__r.Name FROM ${WIDGET}`).records;
    const [result] = await runApex(org, () => Database.update([{ ...queried, Name: 'renamed' }]));
    expect(result?.success).toBe(true);
  });

  it('ignores the child records of a child subquery, empty or not, when a queried record is updated', async () => {
    const { org } = await demoOrg();
    const parents = await runApex(org, () =>
      Database.insert([
        sobject('Demo_Parent__c', { Name: 'p' }),
        sobject('Demo_Parent__c', { Name: 'q' }),
      ]),
    );
    await insertWidget(org, { Parent__c: parents[0]?.id });
    const [relationship] = org.schema.childRelationships(org.requireType('Demo_Parent__c'));
    const queried = org.query(
      `SELECT Id, Name, (SELECT Id FROM ${relationship?.relationshipName ?? ''}) FROM Demo_Parent__c ORDER BY Name`,
    ).records;

    const results = await runApex(org, () =>
      Database.update(queried.map((record) => ({ ...record, Name: `${String(record.Name)}!` }))),
    );

    expect(results.map((result) => result.success)).toEqual([true, true]);
    expect(
      org.query('SELECT Name FROM Demo_Parent__c ORDER BY Name').records.map((r) => r.Name),
    ).toEqual(['p!', 'q!']);
  });
});

describe('upsert', () => {
  it('inserts when the external id matches nothing and updates when it matches one record', async () => {
    const { org } = await demoOrg();
    const [created] = await runApex(org, () =>
      Database.upsert([widget({ ExtId__c: 'E-1', Name: 'one' })], 'ExtId__c'),
    );
    const [updated] = await runApex(org, () =>
      Database.upsert([widget({ ExtId__c: 'e-1', Name: 'uno' })], 'extid__c'),
    );

    expect(created).toMatchObject({ success: true, created: true });
    expect(updated).toEqual({ id: created?.id, success: true, errors: [], created: false });
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records.map((r) => r.Name)).toEqual(['uno']);
  });

  it('upserts by Id when no external id field is named', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org, { Name: 'old' });
    const results = await runApex(org, () =>
      Database.upsert([
        sobject(WIDGET, { Id: id, Name: 'new' }),
        widget({ Name: 'fresh' }),
        widget({ Id: null, Name: 'nulled' }),
      ]),
    );
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ]);
    expect(
      org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name),
    ).toEqual(['fresh', 'new', 'nulled']);
  });

  it('reports DUPLICATE_EXTERNAL_ID when the external id matches several records', async () => {
    const { org } = await demoOrg();
    await runApex(org, () =>
      Database.insert([widget({ ExtId__c: 'X' }), widget({ ExtId__c: 'X' })]),
    );
    const [result] = await runApex(org, () =>
      Database.upsert([widget({ ExtId__c: 'X' })], 'ExtId__c', false),
    );
    expect(result).toMatchObject({
      success: false,
      errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', fields: ['ExtId__c'] }],
    });
  });

  it('reports MISSING_ARGUMENT when the record has no external id value', async () => {
    const { org } = await demoOrg();
    const [result] = await runApex(org, () =>
      Database.upsert([widget({ Name: 'no key' })], 'ExtId__c', false),
    );
    expect(result?.errors[0]?.statusCode).toBe('MISSING_ARGUMENT');
  });

  it('refuses when the field is not an external id', async () => {
    const { org } = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () => Database.upsert([widget({ Code__c: 'c' })], 'Code__c')),
    );
    expect(error).toMatchObject({ type: 'System.SObjectException' });
  });

  it('writes nothing and throws when all or none is asked and one record fails', async () => {
    const { org } = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () =>
        Database.upsert(
          [widget({ ExtId__c: 'A' }), widget({ ExtId__c: 'B', Status__c: 'Bad' })],
          'ExtId__c',
        ),
      ),
    );
    expect(error).toBeInstanceOf(DmlException);
    expect((error as DmlException).rows).toMatchObject([
      { index: 1, statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' },
    ]);
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
  });
});

describe('delete', () => {
  it('sets IsDeleted and hides the record from SOQL when it is deleted', async () => {
    const { org, clock } = await demoOrg();
    const id = await insertWidget(org, { Code__c: 'U1' });
    clock.advance(60_000);
    const [result] = await runApex(org, () => Database.delete(WIDGET, [id]));

    expect(result).toEqual({ id, success: true, errors: [] });
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
    const [row] = org.query(`SELECT Id, IsDeleted, SystemModstamp FROM ${WIDGET}`, {
      includeDeleted: true,
    }).records;
    expect(row).toMatchObject({ Id: id, IsDeleted: true });
    expect(row?.SystemModstamp).toEqual(new Date('2026-01-01T00:01:00.000Z'));
  });

  it('frees the unique value of a deleted record when another record takes it', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org, { Code__c: 'U1' });
    await runApex(org, () => Database.delete(WIDGET, [sobject(WIDGET, { Id: id })]));
    await insertWidget(org, { Code__c: 'U1' });
    expect(org.query(`SELECT Id FROM ${WIDGET} WHERE Code__c = 'U1'`).totalSize).toBe(1);
  });

  it('reports ENTITY_IS_DELETED and MALFORMED_ID when the record is already deleted or the Id is bad', async () => {
    const { org } = await demoOrg();
    const id = await insertWidget(org);
    await runApex(org, () => Database.delete(WIDGET, [id]));
    const results = await runApex(org, () => Database.delete(WIDGET, [id, 'bad'], false));
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ENTITY_IS_DELETED',
      'MALFORMED_ID',
    ]);

    const error = await rejectionOf(runApex(org, () => Database.delete(WIDGET, [id])));
    expect((error as DmlException).message).toMatch(/^Delete failed\./);
  });
});
