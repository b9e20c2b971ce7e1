/** One record by Id or external id, through the real jsforce, and the statuses it hides. */
import { describe, expect, it } from 'vitest';
import { connect, rejection } from '../../support/jsforce-connection.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';
import { openTestOrg } from '../../support/test-org.ts';

const CUSTOMER = 'AFLO__Customer__c';

async function createCustomer(server: RestServer, customerId = 'acme'): Promise<string> {
  const result = await connect(server)
    .sobject(CUSTOMER)
    .create({ Name: 'Acme', AFLO__CustomerId__c: customerId });
  if (!result.success) throw new Error('the customer was not created');
  return result.id;
}

function postJson(server: RestServer, path: string, body: unknown, method = 'POST') {
  return server.call(`/services/data/v62.0${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('create', () => {
  it('conn.sobject().create creates the record and, through its trigger, its outbound event', async () => {
    const server = await startRestServer();

    const result = await connect(server)
      .sobject(CUSTOMER)
      .create({ Name: 'Acme', AFLO__CustomerId__c: 'acme' });

    expect(result).toEqual({ id: expect.stringMatching(/^a\w{17}$/), success: true, errors: [] });
    const events = server.org.query(
      "SELECT AFLO__Direction__c, AFLO__Action__c FROM AFLO__AsyncEvent__c WHERE AFLO__ObjectType__c = 'Customer'",
    );
    expect(events.records).toMatchObject([
      { AFLO__Direction__c: 'Outbound', AFLO__Action__c: 'Created' },
    ]);
  });

  it('answers a create with 201 and refuses an Id in the body with 400 INVALID_FIELD', async () => {
    const server = await startRestServer();

    const created = await postJson(server, `/sobjects/${CUSTOMER}/`, {
      Name: 'A',
      AFLO__CustomerId__c: 'a',
    });
    const withId = await postJson(server, `/sobjects/${CUSTOMER}`, {
      Id: 'a03000000000001AAA',
      Name: 'B',
    });

    expect(created.status).toBe(201);
    expect(withId.status).toBe(400);
    expect(await withId.json()).toEqual([
      {
        message: 'The Id field should not be specified in the sobject data.',
        errorCode: 'INVALID_FIELD',
        fields: [],
      },
    ]);
  });

  it('conn.sobject().create throws INVALID_FIELD for an unknown field and writes nothing', async () => {
    const server = await startRestServer();

    const error = await rejection(
      connect(server).sobject(CUSTOMER).create({ Name: 'A', AFLO__CustomerId__c: 'a', Nope__c: 1 }),
    );

    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe(`No such column 'Nope__c' on sobject of type ${CUSTOMER}`);
    expect(server.org.query(`SELECT COUNT() FROM ${CUSTOMER}`).totalSize).toBe(0);
  });

  it('conn.sobject().create throws REQUIRED_FIELD_MISSING with the fields DML names', async () => {
    const server = await startRestServer();

    const error = await rejection(connect(server).sobject(CUSTOMER).create({ Name: 'A' }));

    expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((error as Error & { data?: unknown }).data).toMatchObject({
      fields: ['AFLO__CustomerId__c'],
    });
  });

  it('answers a value its field cannot hold with 400 JSON_PARSER_ERROR', async () => {
    const server = await startRestServer();

    const response = await postJson(server, `/sobjects/${CUSTOMER}`, {
      Name: 'A',
      AFLO__CustomerId__c: 'a',
      AFLO__Enabled__c: 'maybe',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
  });

  it('refuses a create on AsyncApexJob with 400 INVALID_TYPE_FOR_OPERATION', async () => {
    const server = await startRestServer();

    const error = await rejection(connect(server).sobject('AsyncApexJob').create({ Status: 'x' }));

    expect(error.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
  });
});

describe('retrieve', () => {
  it('conn.sobject().retrieve returns every field with attributes and the 18-character Id', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);

    const record = await connect(server).sobject(CUSTOMER).retrieve(id.slice(0, 15));

    expect(record).toMatchObject({
      attributes: { type: CUSTOMER, url: `/services/data/v62.0/sobjects/${CUSTOMER}/${id}` },
      Id: id,
      Name: 'Acme',
      AFLO__Enabled__c: true,
      AFLO__CustomerEmail__c: null,
      CreatedDate: '2026-03-01T06:00:00.000+0000',
      IsDeleted: false,
    });
  });

  it('conn.sobject().retrieve with fields returns those fields and Id', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);

    const record = await connect(server)
      .sobject(CUSTOMER)
      .retrieve(id, { fields: ['name', 'AFLO__CustomerId__c'] });

    expect(record).toEqual({
      attributes: { type: CUSTOMER, url: `/services/data/v62.0/sobjects/${CUSTOMER}/${id}` },
      Name: 'Acme',
      AFLO__CustomerId__c: 'acme',
      Id: id,
    });
  });

  it('conn.sobject().retrieve throws INVALID_FIELD for an unknown field', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);

    const error = await rejection(
      connect(server)
        .sobject(CUSTOMER)
        .retrieve(id, { fields: ['Name', 'Nope__c'] }),
    );

    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toMatch(/^No such column 'Nope__c' on entity 'AFLO__Customer__c'/);
  });

  it('conn.sobject().retrieve throws NOT_FOUND for a missing, a malformed and a deleted Id', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);
    const conn = connect(server);
    await conn.sobject(CUSTOMER).destroy(id);

    const deleted = await rejection(conn.sobject(CUSTOMER).retrieve(id));
    const malformed = await rejection(conn.sobject(CUSTOMER).retrieve('not-an-id'));
    const otherType = await rejection(conn.sobject('User').retrieve(id));

    expect([deleted, malformed, otherType].map((e) => e.errorCode)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
  });

  it('answers an unknown sObject type with 404 NOT_FOUND', async () => {
    const server = await startRestServer();

    const response = await server.call('/services/data/v62.0/sobjects/Nope__c/a03000000000001AAA');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual([
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] },
    ]);
  });
});

describe('update', () => {
  it('conn.sobject().update saves the change, answered 204, and writes an Updated event', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);
    const conn = connect(server);

    const result = await conn
      .sobject(CUSTOMER)
      .update({ Id: id, AFLO__CustomerEmail__c: 'a@b.co' });

    expect(result).toEqual({ id, success: true, errors: [] });
    expect(await conn.sobject(CUSTOMER).retrieve(id)).toMatchObject({
      AFLO__CustomerEmail__c: 'a@b.co',
    });
    const updated = server.org.query(
      "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Action__c = 'Updated'",
    );
    expect(updated.totalSize).toBe(1);
  });

  it('conn.sobject().update throws the DML status code and leaves the record as it was', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);
    const conn = connect(server);

    const error = await rejection(conn.sobject(CUSTOMER).update({ Id: id, Name: 'x'.repeat(81) }));

    expect(error.errorCode).toBe('STRING_TOO_LONG');
    expect(await conn.sobject(CUSTOMER).retrieve(id)).toMatchObject({ Name: 'Acme' });
  });

  it('conn.sobject().update throws ENTITY_IS_DELETED for a record in the recycle bin', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);
    const conn = connect(server);
    await conn.sobject(CUSTOMER).destroy(id);

    const error = await rejection(conn.sobject(CUSTOMER).update({ Id: id, Name: 'B' }));

    expect(error.errorCode).toBe('ENTITY_IS_DELETED');
  });
});

describe('destroy', () => {
  it('conn.sobject().destroy moves the record to the recycle bin', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);

    const result = await connect(server).sobject(CUSTOMER).destroy(id);

    expect(result).toEqual({ id, success: true, errors: [] });
    const all = server.org.query(`SELECT IsDeleted FROM ${CUSTOMER}`, { includeDeleted: true });
    expect(all.records).toMatchObject([{ IsDeleted: true }]);
  });
});

describe('upsert', () => {
  it('conn.sobject().upsert creates a record no external id matches, answering created: true', async () => {
    const server = await startRestServer();

    const result = await connect(server)
      .sobject(CUSTOMER)
      .upsert({ Name: 'New', AFLO__CustomerId__c: 'new-1' }, 'AFLO__CustomerId__c');

    expect(result).toEqual({
      id: expect.stringMatching(/^a\w{17}$/),
      success: true,
      errors: [],
      created: true,
    });
  });

  it('conn.sobject().upsert updates the record its external id matches, answering created: false', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server, 'acme');
    const conn = connect(server);

    const result = await conn
      .sobject(CUSTOMER)
      .upsert({ Name: 'Renamed', AFLO__CustomerId__c: 'ACME' }, 'AFLO__CustomerId__c');

    expect(result).toEqual({ id, success: true, errors: [], created: false });
    expect(await conn.sobject(CUSTOMER).retrieve(id)).toMatchObject({ Name: 'Renamed' });
  });

  it('conn.sobject().upsert throws MULTIPLE_CHOICES with the record URLs when several match', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    const server = await startRestServer({ org });
    const conn = connect(server);
    await conn.sobject(WIDGET).create([
      { Name: 'a', ExtId__c: 'same' },
      { Name: 'b', ExtId__c: 'same' },
    ]);

    const error = await rejection(
      conn.sobject(WIDGET).upsert({ Name: 'c', ExtId__c: 'same' }, 'ExtId__c'),
    );

    expect(error.name).toBe('MULTIPLE_CHOICES');
    const urls = (error as Error & { data?: unknown }).data;
    expect(urls).toEqual([
      expect.stringMatching(new RegExp(`^/services/data/v62.0/sobjects/${WIDGET}/\\w{18}$`)),
      expect.stringMatching(new RegExp(`^/services/data/v62.0/sobjects/${WIDGET}/\\w{18}$`)),
    ]);
  });

  it('answers updateOnly=true with no match as 404 NOT_FOUND and creates nothing', async () => {
    const server = await startRestServer();

    const response = await postJson(
      server,
      `/sobjects/${CUSTOMER}/AFLO__CustomerId__c/ghost?updateOnly=true`,
      { Name: 'Ghost' },
      'PATCH',
    );

    expect(response.status).toBe(404);
    expect(server.org.query(`SELECT COUNT() FROM ${CUSTOMER}`).totalSize).toBe(0);
  });

  it('answers an upsert on a field that is no external id with 404 NOT_FOUND', async () => {
    const server = await startRestServer();

    const error = await rejection(
      connect(server)
        .sobject(CUSTOMER)
        .upsert({ Name: 'x', AFLO__CustomerEmail__c: 'a@b.co' }, 'AFLO__CustomerEmail__c'),
    );

    expect(error.errorCode).toBe('NOT_FOUND');
    expect(error.message).toBe(
      'Provided external ID field does not exist or is not accessible: AFLO__CustomerEmail__c',
    );
  });

  it('updates by PATCH /sobjects/{Type}/Id/{id} and never creates that way', async () => {
    const server = await startRestServer();
    const id = await createCustomer(server);

    const updated = await postJson(
      server,
      `/sobjects/${CUSTOMER}/Id/${id}`,
      { Name: 'B' },
      'PATCH',
    );
    const missing = await postJson(
      server,
      `/sobjects/${CUSTOMER}/Id/a03000000000999AAA`,
      { Name: 'C' },
      'PATCH',
    );

    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ id, success: true, errors: [], created: false });
    expect(missing.status).toBe(404);
    expect(server.org.query(`SELECT Name FROM ${CUSTOMER}`).records).toMatchObject([{ Name: 'B' }]);
  });

  it('creates a record with POST /sobjects/{Type}/Id and retrieves one by external id', async () => {
    const server = await startRestServer();

    const created = await postJson(server, `/sobjects/${CUSTOMER}/Id`, {
      Name: 'ById',
      AFLO__CustomerId__c: 'by-id',
    });
    const byExternalId = await server.call(
      `/services/data/v62.0/sobjects/${CUSTOMER}/AFLO__CustomerId__c/by-id?fields=Name`,
    );

    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await byExternalId.json()).toMatchObject({ Name: 'ById', Id: id });
  });
});
