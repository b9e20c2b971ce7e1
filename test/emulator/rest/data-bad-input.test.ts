/**
 * Bad input on the data API, sent raw where jsforce would not send it: malformed JSON, the
 * wrong content type, an oversize body, a wrong method. Each is a Salesforce-shaped error,
 * nothing is written and the server keeps answering.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../emulator/rest/data-routes.ts';
import { connect } from '../../support/jsforce-connection.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';

const CUSTOMERS = '/services/data/v62.0/sobjects/AFLO__Customer__c';

function send(server: RestServer, path: string, init: RequestInit) {
  return server.call(path, init);
}

async function errorOf(response: Response): Promise<{ status: number; errorCode?: string }> {
  const [error] = (await response.json()) as Array<{ errorCode: string }>;
  return { status: response.status, errorCode: error?.errorCode };
}

async function stillServes(server: RestServer): Promise<number> {
  const { totalSize } = await connect(server).query('SELECT Id FROM AFLO__Customer__c');
  return totalSize;
}

describe('bad input', () => {
  it('answers malformed JSON with 400 JSON_PARSER_ERROR', async () => {
    const server = await startRestServer();

    const response = await send(server, CUSTOMERS, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"Name": "A", ',
    });

    expect(await errorOf(response)).toEqual({ status: 400, errorCode: 'JSON_PARSER_ERROR' });
    expect(await stillServes(server)).toBe(0);
  });

  it('answers a body that is no JSON object with 400 JSON_PARSER_ERROR', async () => {
    const server = await startRestServer();

    const array = await send(server, CUSTOMERS, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[{"Name": "A"}]',
    });
    const collection = await send(server, '/services/data/v62.0/composite/sobjects', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"records": {"Name": "A"}}',
    });

    expect(await errorOf(array)).toEqual({ status: 400, errorCode: 'JSON_PARSER_ERROR' });
    expect(await errorOf(collection)).toEqual({ status: 400, errorCode: 'JSON_PARSER_ERROR' });
  });

  it('answers a write of another content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const server = await startRestServer();

    const response = await send(server, CUSTOMERS, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Name=A&AFLO__CustomerId__c=a',
    });

    expect(await errorOf(response)).toEqual({ status: 415, errorCode: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await stillServes(server)).toBe(0);
  });

  it('answers a body over the limit with 413 REQUEST_ENTITY_TOO_LARGE', async () => {
    const server = await startRestServer();
    const name = 'x'.repeat(MAX_BODY_BYTES);

    const response = await send(server, CUSTOMERS, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Name: name, AFLO__CustomerId__c: 'big' }),
    });

    expect(await errorOf(response)).toEqual({ status: 413, errorCode: 'REQUEST_ENTITY_TOO_LARGE' });
    expect(await stillServes(server)).toBe(0);
  });

  it('answers a method the resource does not take with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const server = await startRestServer();

    const put = await send(server, `${CUSTOMERS}/a03000000000001AAA`, { method: 'PUT' });
    const postQuery = await send(server, '/services/data/v62.0/query', { method: 'POST' });

    expect(put.headers.get('allow')).toBe('HEAD, GET, PATCH, DELETE');
    expect(await errorOf(put)).toEqual({ status: 405, errorCode: 'METHOD_NOT_ALLOWED' });
    expect(await errorOf(postQuery)).toEqual({ status: 405, errorCode: 'METHOD_NOT_ALLOWED' });
  });

  it('answers a collection write that is malformed with 400 and writes none of it', async () => {
    const server = await startRestServer();

    const response = await send(server, '/services/data/v62.0/composite/sobjects', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        records: [
          { attributes: { type: 'AFLO__Customer__c' }, Name: 'A', AFLO__CustomerId__c: 'a' },
          { Name: 'no type' },
        ],
      }),
    });

    expect(await errorOf(response)).toEqual({ status: 400, errorCode: 'INVALID_TYPE' });
    expect(await stillServes(server)).toBe(0);
  });

  it('answers bodies nested too deeply, in an unknown charset or with a bad escape with a 4xx', async () => {
    const server = await startRestServer();
    const json = { 'content-type': 'application/json' };
    const depth = 10_000;

    const deep = await send(server, CUSTOMERS, {
      method: 'POST',
      headers: json,
      body: `{"Nope__c":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    });
    const latin1 = await send(server, CUSTOMERS, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{}',
    });
    const escape = await send(server, `${CUSTOMERS}/%ZZ`, {});

    expect(await errorOf(deep)).toEqual({ status: 400, errorCode: 'JSON_PARSER_ERROR' });
    expect(await errorOf(latin1)).toEqual({ status: 415, errorCode: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await errorOf(escape)).status).toBe(400);
    expect(await stillServes(server)).toBe(0);
  });

  it('refuses a number too large for its field however short it prints', async () => {
    const server = await startRestServer();

    const response = await send(server, '/services/data/v62.0/sobjects/AFLO__Promotion__c', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"Name":"Huge","AFLO__PromotionId__c":"huge","AFLO__Discount__c":1e300}',
    });

    expect(await errorOf(response)).toEqual({
      status: 400,
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
    });
  });

  it('refuses a datetime that is not ISO 8601 or names no day of the calendar', async () => {
    const server = await startRestServer();
    const create = (runsAt: string) =>
      send(server, '/services/data/v62.0/sobjects/AFLO__ActiveChain__c', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ AFLO__ObjectType__c: runsAt, AFLO__RunsAt__c: runsAt }),
      });

    const words = await create('foo 12');
    const february = await create('2024-02-30T00:00:00Z');
    const good = await create('2024-02-29T10:30:00.000+0000');

    expect((await errorOf(words)).status).toBe(400);
    expect((await errorOf(february)).status).toBe(400);
    expect(good.status).toBe(201);
  });

  it('refuses to delete a User record: users are deactivated, not deleted', async () => {
    const server = await startRestServer();

    const response = await send(
      server,
      `/services/data/v62.0/sobjects/User/${server.org.userId()}`,
      { method: 'DELETE' },
    );

    expect(await errorOf(response)).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
    });
    expect(server.org.query('SELECT COUNT() FROM User').totalSize).toBe(1);
  });
});
