/**
 * A real HTTP server on 127.0.0.1 (port 0) for callout tests, closed when the test finishes.
 * It answers through the test's handler, or holds requests until the test lets them go, so a
 * test can wait on "the request has arrived" instead of sleeping.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests received so far (method, path, body). */
  readonly received: Array<{ method: string; path: string; body: string }>;
  /** Resolves when the n-th request (1-based) has arrived. */
  arrived(n?: number): Promise<void>;
}

/** Answers every request with `handler`; 200 `ok` by default. */
export async function startServer(handler?: Handler): Promise<LoopbackServer> {
  const received: LoopbackServer['received'] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const answer: Handler =
    handler ??
    ((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method ?? '', path: request.url ?? '', body });
      for (const waiter of waiters.filter((w) => w.n <= received.length)) waiter.resolve();
      answer(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    arrived: (n = 1) =>
      n <= received.length
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}

/** A server that holds every request until `respond` is called; `never` answers none. */
export async function startHoldingServer(): Promise<
  LoopbackServer & { respond(status: number, body: string): Promise<void> }
> {
  const held: ServerResponse[] = [];
  const server = await startServer((_request, _body, response) => void held.push(response));
  return {
    ...server,
    respond: (status, body) => {
      const finished = held.map(
        (response) => new Promise<void>((resolve) => response.on('finish', () => resolve())),
      );
      for (const response of held.splice(0)) {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(body);
      }
      return Promise.all(finished).then(() => undefined);
    },
  };
}

/** A loopback URL no server listens on (a port opened, then closed). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
