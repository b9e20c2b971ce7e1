import { Connection } from 'jsforce';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Database, raise, sobject, type ApexRestResource } from '../../../emulator/apex-api.ts';
import { VirtualClock } from '../../../emulator/clock.ts';
import { Org } from '../../../emulator/org.ts';
import { ApexRestMappingError } from '../../../emulator/rest/apex-rest-registry.ts';
import { demoPackage, PARENT } from '../../support/demo-package.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';

const RESOURCES: ApexRestResource[] = [
  {
    className: 'Demo.Things',
    urlMapping: '/Demo/things',
    handlers: {
      GET: (request) => ({ resource: 'exact', uri: request.requestURI, params: request.params }),
      POST: (request) => {
        Database.insert([sobject(PARENT, { Name: request.requestBody.toString('utf8') })]);
        return { created: true };
      },
    },
  },
  {
    className: 'Demo.AnyThing',
    urlMapping: '/Demo/things/*',
    handlers: { GET: (request) => ({ resource: 'things-wildcard', uri: request.requestURI }) },
  },
  {
    className: 'Demo.Anything',
    urlMapping: '/Demo/*',
    handlers: { GET: () => ({ resource: 'demo-wildcard' }) },
  },
  {
    className: 'Demo.Middle',
    urlMapping: '/Demo/orders/*/lines',
    handlers: { GET: (request) => ({ resource: 'middle', uri: request.requestURI }) },
  },
  {
    className: 'Demo.Failing',
    urlMapping: '/Demo/failing',
    handlers: {
      POST: () => {
        Database.insert([sobject(PARENT, { Name: 'written, then rolled back' })]);
        raise('System.CalloutException', 'Read timed out');
      },
    },
  },
  {
    className: 'Demo.Manual',
    urlMapping: '/Demo/manual',
    handlers: {
      PUT: (request, response) => {
        response.statusCode = 202;
        response.headers['Content-Type'] = 'text/plain';
        response.responseBody = `token=${request.headers['x-demo'] ?? ''}`;
      },
    },
  },
];

async function demoServer(): Promise<RestServer> {
  const clock = new VirtualClock('2026-03-01T06:00:00.000Z');
  const org = await Org.open({ clock, packages: [{ ...demoPackage(), restResources: RESOURCES }] });
  onTestFinished(() => org.close());
  return startRestServer({ org });
}

function connect(server: RestServer): Connection {
  return new Connection({ instanceUrl: server.url, accessToken: server.token, version: '62.0' });
}

describe('Apex REST', () => {
  it('prefers an exact mapping, then the longest wildcard', async () => {
    const conn = connect(await demoServer());

    expect(await conn.apex.get('/Demo/things?a=1&a=2')).toEqual({
      resource: 'exact',
      uri: '/Demo/things',
      params: { a: '2' },
    });
    expect(await conn.apex.get('/Demo/things/42')).toEqual({
      resource: 'things-wildcard',
      uri: '/Demo/things/42',
    });
    expect(await conn.apex.get('/Demo/other/1')).toEqual({ resource: 'demo-wildcard' });
    expect(await conn.apex.get('/Demo/orders/7/lines')).toEqual({
      resource: 'middle',
      uri: '/Demo/orders/7/lines',
    });
  });

  it('answers a path no mapping matches with 404 NOT_FOUND', async () => {
    const conn = connect(await demoServer());

    await expect(conn.apex.get('/Other/things')).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('matches mappings case-sensitively', async () => {
    const conn = connect(await demoServer());

    await expect(conn.apex.get('/demo/things')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('answers a verb the class has no method for with 405 METHOD_NOT_ALLOWED', async () => {
    const conn = connect(await demoServer());

    await expect(conn.apex.delete('/Demo/things')).rejects.toMatchObject({
      errorCode: 'METHOD_NOT_ALLOWED',
      message: "HTTP Method 'DELETE' not allowed. Allowed are GET,POST",
    });
  });

  it('runs a handler in a transaction that commits its DML', async () => {
    const server = await demoServer();

    expect(await connect(server).apex.post('/Demo/things', 'from REST')).toEqual({
      created: true,
    });

    expect(server.org.query(`SELECT Name FROM ${PARENT}`).records).toMatchObject([
      { Name: '"from REST"' },
    ]);
  });

  it('rolls back what a throwing handler wrote and answers 500 APEX_ERROR', async () => {
    const server = await demoServer();

    await expect(connect(server).apex.post('/Demo/failing', {})).rejects.toMatchObject({
      errorCode: 'APEX_ERROR',
      message: 'System.CalloutException: Read timed out',
    });
    expect(server.org.query(`SELECT COUNT() FROM ${PARENT}`).totalSize).toBe(0);
  });

  it('sends the response a handler filled in', async () => {
    const server = await demoServer();

    const response = await server.call('/services/apexrest/Demo/manual', {
      method: 'PUT',
      headers: { 'X-Demo': 'abc' },
    });

    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('token=abc');
  });

  it('needs a session under /services/apexrest but not under the site prefix', async () => {
    const server = await demoServer();

    const withoutSession = await fetch(`${server.url}/services/apexrest/Demo/things`);
    const onSite = await fetch(`${server.url}/amberflo/services/apexrest/Demo/things`);

    expect(withoutSession.status).toBe(401);
    expect(onSite.status).toBe(200);
    expect(await onSite.json()).toMatchObject({ resource: 'exact' });
  });

  it('refuses a package whose mapping is invalid or taken', async () => {
    const bad = (urlMapping: string) =>
      Org.open({
        packages: [
          {
            ...demoPackage(),
            restResources: [
              { className: 'Demo.A', urlMapping: '/Demo/a', handlers: {} },
              { className: 'Demo.B', urlMapping, handlers: {} },
            ],
          },
        ],
      });

    await expect(bad('Demo/b')).rejects.toThrow(ApexRestMappingError);
    await expect(bad('/Demo/b*')).rejects.toThrow(/whole path segment/);
    await expect(bad('/Demo/a')).rejects.toThrow(/already used by Demo.A/);
  });
});
