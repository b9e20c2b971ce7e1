/**
 * The instance URL a client reached the org at (`http://127.0.0.1:8484`), from the request
 * itself, so login answers point the client back at the address it used.
 */
import type { Request } from 'express';

export function instanceUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
