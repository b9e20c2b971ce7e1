/**
 * The org as a server, for `aflo-emu serve`: the CLI session's org (and its built-in fake
 * Amberflo, unless `--amberflo` names another), the web console (cli/console/) and the REST API
 * listening on a loopback port, and the background job runner. Stopping is orderly: no new
 * connection, no new job; the running jobs and requests finish; then the fake and the database
 * are closed.
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BackgroundRunner, type BackgroundStart } from '../emulator/async/background-runner.ts';
import { DEFAULT_USERNAME, type Org } from '../emulator/org.ts';
import { createRestApp } from '../emulator/rest/app.ts';
import { SessionStore } from '../emulator/rest/sessions.ts';
import { DEFAULT_PASSWORD, hasDefaultPassword } from '../emulator/users/users.ts';
import { switchToWebhooks } from '../aflo/settings.ts';
import { subscribeToOrg } from '../fixtures/amberflo/index.ts';
import { createConsole } from './console/console-app.ts';
import { CliError } from './errors.ts';
import { openSession, type GlobalOptions, type Session } from './session.ts';

export interface ServeOptions {
  /** The port to listen on; 0 picks a free one. */
  port: number;
  /** The address to listen on, `127.0.0.1` unless told otherwise. */
  host: string;
  /** The public Salesforce Site's path prefix, e.g. `/amberflo`. */
  sitePrefix: string;
  /**
   * Subscribe the Amberflo to the org's webhook and turn the daily sync off (`--webhooks`), as
   * a user does who moves from the daily sync to Amberflo's webhooks.
   */
  webhooks?: boolean;
}

export interface RunningOrgServer {
  /** The org served, for embedding and tests (its events say when jobs finish). */
  org: Org;
  /** `http://127.0.0.1:8484`: the login URL and instance URL clients use. */
  instanceUrl: string;
  /** The AFLO webhook on the public site, which needs no session. */
  webhookUrl: string;
  username: string;
  /** The default user's password, or undefined when it is no longer the default one. */
  password: string | undefined;
  amberfloUrl: string;
  /** Whether the Amberflo is the built-in fake this server started. */
  builtInFake: boolean;
  /** Whether Amberflo was subscribed to the webhook (and the daily sync turned off). */
  webhooks: boolean;
  /** How the runner started: here, or left to another process that holds the lease for now. */
  runner: BackgroundStart;
  /** Stops everything in order; safe to call more than once. */
  stop(): Promise<void>;
}

export async function startOrgServer(
  global: GlobalOptions,
  options: ServeOptions,
): Promise<RunningOrgServer> {
  const session = await openSession(global);
  const { org } = session;
  // One session store: a console login is an API session too, as on the platform.
  const sessions = new SessionStore(org.clock, { orgId: org.orgId() });
  const webConsole = createConsole({
    org,
    sessions,
    logger: org.logger.child({ component: 'console' }),
    amberflo: { url: session.amberfloUrl, builtInFake: session.fake !== undefined },
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(webConsole.router);
  app.use(
    createRestApp({
      org,
      logger: org.logger.child({ component: 'rest' }),
      sessions,
      sitePrefix: options.sitePrefix,
    }),
  );
  let stopping: Promise<void> | undefined;
  // Once stopping, a request on a connection kept alive is refused rather than started.
  const server = createServer((req, res) => {
    if (stopping === undefined) {
      app(req, res);
      return;
    }
    res.writeHead(503, { connection: 'close', 'content-type': 'application/json' });
    res.end(JSON.stringify([{ message: 'aflo-emu is stopping', errorCode: 'SERVER_UNAVAILABLE' }]));
  });
  const requests = trackRequests(server);
  try {
    await listen(server, options);
  } catch (error) {
    await session.close();
    throw error;
  }

  const runner = new BackgroundRunner(org);
  let start: BackgroundStart;
  try {
    start = await runner.start();
  } catch (error) {
    webConsole.close();
    await closeServer(server, requests);
    await session.close();
    throw error;
  }
  // The console's live streams never end by themselves: they are closed before the server.
  const stopEverything = (): Promise<void> => {
    webConsole.close();
    return stopAll(server, requests, runner, session);
  };

  const instanceUrl = urlOf(server);
  const webhookUrl = `${instanceUrl}${options.sitePrefix}/services/apexrest/AFLO/webhook`;
  if (options.webhooks === true) {
    try {
      await subscribeAmberflo(session, webhookUrl);
    } catch (error) {
      await stopEverything();
      throw error;
    }
  }
  return {
    org,
    instanceUrl,
    webhookUrl,
    username: DEFAULT_USERNAME,
    password: (await hasDefaultPassword(org, org.userId())) ? DEFAULT_PASSWORD : undefined,
    amberfloUrl: session.amberfloUrl,
    builtInFake: session.fake !== undefined,
    webhooks: options.webhooks === true,
    runner: start,
    stop: () => (stopping ??= stopEverything()),
  };
}

/** Turns the daily sync off and subscribes the Amberflo in use to the org's webhook endpoint. */
async function subscribeAmberflo(session: Session, webhookUrl: string): Promise<void> {
  const { org } = session;
  const token = await org.run({ kind: 'system', allowsCallouts: false }, () => switchToWebhooks());
  try {
    await subscribeToOrg(
      { url: session.amberfloUrl, apiKey: org.overrides.get('AFLO.apiKey') ?? '' },
      { url: webhookUrl, token },
    );
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

async function stopAll(
  server: Server,
  requests: RequestTracker,
  runner: BackgroundRunner,
  session: Session,
): Promise<void> {
  const closed = closeServer(server, requests);
  await runner.stop();
  await closed;
  // A transaction still running (a request the client gave up on) ends before the file closes.
  const release = await session.org.lock.acquire();
  try {
    await session.close();
  } finally {
    release();
  }
}

function listen(server: Server, options: ServeOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(describeListenError(error, options));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });
}

function describeListenError(error: NodeJS.ErrnoException, options: ServeOptions): Error {
  const where = `${options.host}:${options.port}`;
  if (error.code === 'EADDRINUSE') {
    return new CliError(
      `${where} is in use: stop what listens there, or pick another port with --port (0 picks a free one)`,
    );
  }
  if (error.code === 'EACCES') {
    return new CliError(`not allowed to listen on ${where}: pick a port above 1023 with --port`);
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new CliError(`cannot listen on ${options.host}: no such address here (check --host)`);
  }
  return new CliError(`cannot listen on ${where}: ${error.message}`);
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

interface RequestTracker {
  /** Resolves once no request is being answered. */
  idle(): Promise<void>;
}

/** Counts the requests being answered, so stopping can let them finish. */
function trackRequests(server: Server): RequestTracker {
  let active = 0;
  let waiters: Array<() => void> = [];
  server.on('request', (_req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active > 0) return;
      for (const resolve of waiters) resolve();
      waiters = [];
    });
  });
  return {
    idle: () =>
      active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

/** Takes no new connection, lets the requests being answered finish, then closes the rest. */
async function closeServer(server: Server, requests: RequestTracker): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await requests.idle();
  server.closeAllConnections();
  await closed;
}
