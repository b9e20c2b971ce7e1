/** sObject Collections (`/composite/sobjects`) through the real jsforce. */
import { describe, expect, it } from 'vitest';
import { connect } from '../../support/jsforce-connection.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';

const CUSTOMER = 'AFLO__Customer__c';
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function customers(...ids: string[]) {
  return ids.map((id) => ({ Name: `Customer ${id}`, AFLO__CustomerId__c: id }));
}

function count(server: RestServer, where = ''): number {
  return server.org.query(`SELECT COUNT() FROM ${CUSTOMER} ${where}`).totalSize;
}

async function createIds(server: RestServer, ...ids: string[]): Promise<string[]> {
  const results = await connect(server)
    .sobject(CUSTOMER)
    .create(customers(...ids));
  return results.map((result) => (result.success ? result.id : ''));
}

describe('create', () => {
  it('conn.sobject().create([…]) creates each record in one request, in order', async () => {
    const server = await startRestServer();

    const results = await connect(server)
      .sobject(CUSTOMER)
      .create(customers('a', 'b', 'c'));

    expect(results).toEqual([
      { id: expect.any(String), success: true, errors: [] },
      { id: expect.any(String), success: true, errors: [] },
      { id: expect.any(String), success: true, errors: [] },
    ]);
    const events = server.org.query('SELECT COUNT() FROM AFLO__AsyncEvent__c');
    expect(events.totalSize).toBe(3);
  });

  it('conn.sobject().create([…]) saves the good records and reports the bad one by statusCode', async () => {
    const server = await startRestServer();

    const results = await connect(server)
      .sobject(CUSTOMER)
      .create([...customers('a'), { Name: 'no id' }, ...customers('c')]);

    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [AFLO__CustomerId__c]',
          fields: ['AFLO__CustomerId__c'],
        },
      ],
    });
    expect([results[0]?.success, results[2]?.success]).toEqual([true, true]);
    expect(count(server)).toBe(2);
  });

  it('conn.sobject().create([…], { allOrNone: true }) rolls every record back when one fails', async () => {
    const server = await startRestServer();

    const results = await connect(server)
      .sobject(CUSTOMER)
      .create([...customers('a'), { Name: 'no id' }, ...customers('c')], { allOrNone: true });

    expect(results).toEqual([
      { success: false, errors: [ROLLED_BACK] },
      {
        success: false,
        errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })],
      },
      { success: false, errors: [ROLLED_BACK] },
    ]);
    expect(count(server)).toBe(0);
    expect(server.org.query('SELECT COUNT() FROM AFLO__AsyncEvent__c').totalSize).toBe(0);
  });

  it('answers more than 200 records with 400 EXCEEDED_ID_LIMIT and writes nothing', async () => {
    const server = await startRestServer();
    const many = Array.from({ length: 201 }, (_, i) => `c-${i}`);

    const error = await connect(server)
      .sobject(CUSTOMER)
      .create(customers(...many))
      .catch((e: Error & { errorCode?: string }) => e);

    expect((error as Error & { errorCode?: string }).errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(count(server)).toBe(0);
  });

  it('conn.sobject().create([…], { allowRecursive: true }) sends 450 records in chunks of 200', async () => {
    const server = await startRestServer();
    const many = Array.from({ length: 450 }, (_, i) => `c-${i}`);

    const results = await connect(server)
      .sobject(CUSTOMER)
      .create(customers(...many), { allowRecursive: true });

    expect(results.filter((result) => result.success)).toHaveLength(450);
    expect(count(server)).toBe(450);
  });
});

describe('update', () => {
  it('conn.sobject().update([…]) updates each record and reports a malformed Id', async () => {
    const server = await startRestServer();
    const [a, b] = await createIds(server, 'a', 'b');
    const conn = connect(server);

    const results = await conn.sobject(CUSTOMER).update([
      { Id: a ?? '', Name: 'A2' },
      { Id: 'bogus', Name: 'X' },
      { Id: b ?? '', Name: 'B2' },
    ]);

    expect(results).toEqual([
      { id: a, success: true, errors: [] },
      {
        success: false,
        errors: [
          {
            statusCode: 'MALFORMED_ID',
            message: 'Amberflo Customer ID: id value of incorrect type: bogus',
            fields: ['Id'],
          },
        ],
      },
      { id: b, success: true, errors: [] },
    ]);
    expect(count(server, "WHERE Name IN ('A2', 'B2')")).toBe(2);
  });

  it('conn.sobject().update([…], { allOrNone: true }) keeps every record as it was when one fails', async () => {
    const server = await startRestServer();
    const [a, b] = await createIds(server, 'a', 'b');

    const results = await connect(server)
      .sobject(CUSTOMER)
      .update(
        [
          { Id: a ?? '', Name: 'A2' },
          { Id: b ?? '', AFLO__CustomerEmail__c: 'not an email' },
        ],
        { allOrNone: true },
      );

    expect(results).toEqual([
      { id: a, success: false, errors: [ROLLED_BACK] },
      {
        id: b,
        success: false,
        errors: [expect.objectContaining({ statusCode: 'INVALID_EMAIL_ADDRESS' })],
      },
    ]);
    expect(count(server, "WHERE Name = 'A2'")).toBe(0);
  });
});

describe('upsert', () => {
  it('conn.sobject().upsert([…], extIdField) creates and updates, each result saying created', async () => {
    const server = await startRestServer();
    const [a] = await createIds(server, 'a');

    const results = await connect(server)
      .sobject(CUSTOMER)
      .upsert(
        [
          { Name: 'A again', AFLO__CustomerId__c: 'A' },
          { Name: 'New', AFLO__CustomerId__c: 'n' },
        ],
        'AFLO__CustomerId__c',
      );

    expect(results).toEqual([
      { id: a, success: true, errors: [], created: false },
      { id: expect.any(String), success: true, errors: [], created: true },
    ]);
    expect(count(server)).toBe(2);
  });

  it('conn.sobject().upsert([…], extIdField, { allOrNone: true }) fails all and persists none', async () => {
    const server = await startRestServer();
    const bad = { Name: 'bad', AFLO__CustomerId__c: 'x-3', AFLO__CustomerEmail__c: 'nope' };
    const records = [...customers('x-1', 'x-2'), bad, ...customers('x-4')];

    const results = await connect(server)
      .sobject(CUSTOMER)
      .upsert(records, 'AFLO__CustomerId__c', { allOrNone: true });

    expect(results.map((result) => result.success)).toEqual([false, false, false, false]);
    expect(results[2]?.errors).toEqual([
      expect.objectContaining({ statusCode: 'INVALID_EMAIL_ADDRESS' }),
    ]);
    for (const i of [0, 1, 3]) {
      expect(results[i]).toEqual({ success: false, errors: [ROLLED_BACK], created: true });
    }
    expect(count(server)).toBe(0);
  });
});

describe('destroy', () => {
  it('conn.sobject().destroy([…]) deletes each record and reports the ones it cannot', async () => {
    const server = await startRestServer();
    const [a, b] = await createIds(server, 'a', 'b');
    const conn = connect(server);
    await conn.sobject(CUSTOMER).destroy(b ?? '');

    const results = await conn.sobject(CUSTOMER).destroy([a ?? '', b ?? '', 'nope']);

    expect(results).toEqual([
      { id: a, success: true, errors: [] },
      {
        id: b,
        success: false,
        errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
      },
      {
        success: false,
        errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id nope', fields: [] }],
      },
    ]);
    expect(count(server)).toBe(0);
  });

  it('conn.sobject().destroy([…], { allOrNone: true }) deletes nothing when one fails', async () => {
    const server = await startRestServer();
    const [a] = await createIds(server, 'a');

    const results = await connect(server)
      .sobject(CUSTOMER)
      .destroy([a ?? '', 'nope'], { allOrNone: true });

    expect(results[0]).toEqual({ id: a, success: false, errors: [ROLLED_BACK] });
    expect(count(server)).toBe(1);
  });
});

describe('retrieve', () => {
  it('conn.sobject().retrieve([…]) returns the records in order, null for deleted and missing', async () => {
    const server = await startRestServer();
    const [a, b] = await createIds(server, 'a', 'b');
    const conn = connect(server);
    await conn.sobject(CUSTOMER).destroy(b ?? '');

    const records = await conn
      .sobject(CUSTOMER)
      .retrieve([a ?? '', b ?? '', 'a03000000000999AAA'], { fields: ['Name'] });

    expect(records).toEqual([
      {
        attributes: { type: CUSTOMER, url: `/services/data/v62.0/sobjects/${CUSTOMER}/${a}` },
        Name: 'Customer a',
        Id: a,
      },
      null,
      null,
    ]);
  });

  it('conn.sobject().retrieve([…]) without fields describes first and returns every field', async () => {
    const server = await startRestServer();
    const [a] = await createIds(server, 'a');

    const [record] = await connect(server)
      .sobject(CUSTOMER)
      .retrieve([a ?? '']);

    expect(record).toMatchObject({ Id: a, AFLO__CustomerId__c: 'a', AFLO__Enabled__c: true });
  });
});
