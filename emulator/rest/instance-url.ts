/**
 * The instance URL a client reached the org at (`http://127.0.0.1:8484`), from the request
 * itself, so login answers point the client back at the address it used.
 */
import type { Request } from 'express';

export function instanceUrlOf(req: Request): string {
  const host = req.get('host');
  if (host !== undefined && HOST.test(host)) return `${req.protocol}://${host}`;
  // No Host (HTTP/1.0) or a forged one: the address the request actually came in on.
  const { localAddress, localPort } = req.socket;
  const address = localAddress?.includes(':') === true ? `[${localAddress}]` : localAddress;
  return `${req.protocol}://${address ?? '127.0.0.1'}:${localPort ?? 80}`;
}

/** A host name or IP address with an optional port, and nothing else (no path, no query). */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
