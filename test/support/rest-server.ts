/**
 * The org's REST API on a loopback port for tests: an org with the AFLO package on a fresh
 * in-memory database and a virtual clock, the REST app listening on 127.0.0.1:0, and a session
 * for the default user opened directly in the store (login itself is tested through its own
 * routes). Closed when the test finishes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { afloPackage } from '../../aflo/package.ts';
import { VirtualClock } from '../../emulator/clock.ts';
import { silentLogger } from '../../emulator/logger.ts';
import { DEFAULT_USERNAME, Org } from '../../emulator/org.ts';
import { createRestApp } from '../../emulator/rest/app.ts';
import { SessionStore } from '../../emulator/rest/sessions.ts';

export interface RestServer {
  org: Org;
  clock: VirtualClock;
  sessions: SessionStore;
  /** `http://127.0.0.1:<port>`, the instance URL. */
  url: string;
  /** An access token of the default user. */
  token: string;
  /** `fetch` with the session's Authorization header. */
  call(path: string, init?: RequestInit): Promise<Response>;
}

export async function startRestServer(
  options: { sitePrefix?: string; org?: Org } = {},
): Promise<RestServer> {
  const clock = new VirtualClock('2026-03-01T06:00:00.000Z');
  const org = options.org ?? (await Org.open({ db: ':memory:', clock, packages: [afloPackage()] }));
  const sessions = new SessionStore(org.clock);
  const app = createRestApp({
    org,
    logger: silentLogger(),
    sessions,
    sitePrefix: options.sitePrefix ?? '/amberflo',
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    if (options.org === undefined) org.close();
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const { token } = sessions.create({ userId: org.userId(), username: DEFAULT_USERNAME });
  return {
    org,
    clock,
    sessions,
    url,
    token,
    call: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      }),
  };
}
