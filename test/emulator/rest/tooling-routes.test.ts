import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import type { QueryRecord } from '../../../emulator/apex-api.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';

function connect(server: RestServer): Connection {
  return new Connection({ instanceUrl: server.url, accessToken: server.token, version: '62.0' });
}

describe('tooling executeAnonymous', () => {
  it('runs the main job script and leaves its jobs queued for the runner', async () => {
    const server = await startRestServer();
    const conn = connect(server);

    const result = await conn.tooling.executeAnonymous(
      '(new AFLO.DownloadScheduler()).execute(null);',
    );

    expect(result).toEqual({
      line: -1,
      column: -1,
      compiled: true,
      compileProblem: null,
      success: true,
      exceptionMessage: null,
      exceptionStackTrace: null,
    });
    const queued = server.org.query(
      "SELECT ApexClass.Name FROM AsyncApexJob WHERE Status = 'Queued' ORDER BY ApexClass.Name",
    );
    expect(queued.records.map((job) => (job.ApexClass as QueryRecord).Name)).toEqual([
      'CustomerDownloadQueueable',
      'ProductItemDownloadQueueable',
      'PromotionDownloadQueueable',
    ]);
  });

  it('reports a compile problem with its line and column, and runs nothing', async () => {
    const server = await startRestServer();

    const result = await connect(server).tooling.executeAnonymous(
      "System.debug('ok');\nSystem.enqueueJob(new AFLO.DownloadScheduler())",
    );

    expect(result).toMatchObject({
      compiled: false,
      success: false,
      line: 2,
      exceptionMessage: null,
      exceptionStackTrace: null,
    });
    expect(result.column).toBeGreaterThan(0);
    expect(result.compileProblem).toMatch(/Missing ';'/);
    expect(server.org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(0);
  });

  it('reports a runtime exception with its message and stack trace', async () => {
    const server = await startRestServer();

    const result = await connect(server).tooling.executeAnonymous(
      'AFLO.DownloadScheduler s;\ns.execute(null);',
    );

    expect(result).toMatchObject({
      compiled: true,
      compileProblem: null,
      success: false,
      exceptionMessage: 'System.NullPointerException: Attempt to de-reference a null object',
    });
    expect(result.exceptionStackTrace).toMatch(/AnonymousBlock: line 2, column 1/);
  });

  it('answers the form with a slash before the query string', async () => {
    const server = await startRestServer();

    const response = await server.call(
      `/services/data/v62.0/tooling/executeAnonymous/?anonymousBody=${encodeURIComponent("System.debug('x');")}`,
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ compiled: true, success: true });
  });

  it('answers a missing anonymousBody with 400 MISSING_ARGUMENT', async () => {
    const server = await startRestServer();

    const response = await server.call('/services/data/v62.0/tooling/executeAnonymous');

    expect(response.status).toBe(400);
    expect(((await response.json()) as Array<{ errorCode: string }>)[0]?.errorCode).toBe(
      'MISSING_ARGUMENT',
    );
  });

  it('answers another verb with 405 METHOD_NOT_ALLOWED', async () => {
    const server = await startRestServer();

    const response = await server.call(
      '/services/data/v62.0/tooling/executeAnonymous?anonymousBody=x',
      { method: 'POST' },
    );

    expect(response.status).toBe(405);
  });

  it('needs a session', async () => {
    const server = await startRestServer();

    const response = await fetch(
      `${server.url}/services/data/v62.0/tooling/executeAnonymous?anonymousBody=x`,
    );

    expect(response.status).toBe(401);
  });
});
