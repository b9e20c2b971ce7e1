/**
 * What the jsforce benches share: a temp-file org with the AFLO package on the real clock (as
 * `aflo-emu serve` opens it), its REST API listening on 127.0.0.1:0 in this process, and jsforce
 * connections that log in through SOAP with the default user, as a script written for a real org
 * does. The background runner is started only when asked for. The server owns the org: closing
 * the server (or failing to start it) closes the org.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsforce, { type Connection } from 'jsforce';
import { afloPackage } from '../../aflo/package.ts';
import { BackgroundRunner } from '../../emulator/async/background-runner.ts';
import { RealClock } from '../../emulator/clock.ts';
import { silentLogger } from '../../emulator/logger.ts';
import { DEFAULT_USERNAME, Org } from '../../emulator/org.ts';
import { createRestApp } from '../../emulator/rest/app.ts';
import { SessionStore } from '../../emulator/rest/sessions.ts';
import { DEFAULT_PASSWORD } from '../../emulator/users/users.ts';

/** The API version the bench's connections use. */
const API_VERSION = '62.0';

export interface BenchServer {
  org: Org;
  /** `http://127.0.0.1:<port>`: the login URL and the instance URL. */
  url: string;
  /** Set when started with `runner: true`. */
  runner: BackgroundRunner | undefined;
  /** A new jsforce connection, logged in as the default user. */
  connect(): Promise<Connection>;
  /** Stops the runner (running jobs finish), the server, then closes the org. */
  close(): Promise<void>;
}

/** Opens a new org with the AFLO package on the real clock. */
export function openBenchOrg(db: string): Promise<Org> {
  return Org.open({ db, clock: new RealClock(), packages: [afloPackage()] });
}

/** Serves `org` on a loopback port, with the background runner when `runner` is set. */
export async function startBenchServer(
  org: Org,
  options: { runner?: boolean } = {},
): Promise<BenchServer> {
  const app = createRestApp({
    org,
    logger: silentLogger(),
    sessions: new SessionStore(org.clock, { orgId: org.orgId() }),
    sitePrefix: '/amberflo',
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const runner = options.runner === true ? new BackgroundRunner(org) : undefined;
  try {
    const start = await runner?.start();
    if (start?.runningElsewhere !== undefined) {
      throw new Error(`process ${start.runningElsewhere.pid} holds this org's runner lease`);
    }
  } catch (error) {
    await runner?.stop();
    await closeServer(server);
    org.close();
    throw error;
  }

  return {
    org,
    url,
    runner,
    connect: async () => {
      const conn = new jsforce.Connection({ loginUrl: url, version: API_VERSION });
      await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);
      return conn;
    },
    close: async () => {
      await runner?.stop();
      await closeServer(server);
      org.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
