import { describe, expect, it } from 'vitest';
import { startRestServer } from '../../support/rest-server.ts';

describe('the REST app', () => {
  it('lists the API versions without a session', async () => {
    const server = await startRestServer();

    const response = await fetch(`${server.url}/services/data`);

    expect(response.status).toBe(200);
    const versions = (await response.json()) as Array<{ version: string; label: string }>;
    expect(versions[0]).toEqual({
      label: "Winter '21",
      url: '/services/data/v50.0',
      version: '50.0',
    });
    expect(versions.at(-1)).toMatchObject({ label: "Winter '25", version: '62.0' });
  });

  it('answers a data route without a session with 401 INVALID_SESSION_ID', async () => {
    const server = await startRestServer();

    const response = await fetch(`${server.url}/services/data/v62.0/sobjects`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] },
    ]);
  });

  it('refuses an expired session', async () => {
    const server = await startRestServer();
    server.clock.advance(2 * 60 * 60 * 1000);

    const response = await server.call('/services/data/v62.0/');

    expect(response.status).toBe(401);
  });

  it('answers an unsupported version and an unknown path with 404 NOT_FOUND', async () => {
    const server = await startRestServer();

    const version = await server.call('/services/data/v49.0/sobjects');
    const unknown = await server.call('/nowhere');

    expect(version.status).toBe(404);
    expect(((await version.json()) as Array<{ errorCode: string }>)[0]?.errorCode).toBe(
      'NOT_FOUND',
    );
    expect(unknown.status).toBe(404);
  });
});
