/**
 * Why an export failed, and whether trying again can help: the retry policy's view of an
 * Amberflo answer (see docs/async-events.md, "Retries"). After datum-cloud's production client:
 * 429 is rate limiting and says when to come back (`Retry-After`); 408, 5xx, timeouts and resets
 * are transient; any other 4xx is a request Amberflo will refuse again, so it is not retried.
 */
import type { AmberfloCall } from '../amberflo/client.ts';

/** `backoff`: the policy's next delay; `never`: a permanent failure; a Date: not before then. */
export type RetryAdvice = 'backoff' | 'never' | Date;

/** A failed export, with the call that failed as it is logged on the event. */
export class ExportFailure extends Error {
  override readonly name = 'ExportFailure';

  constructor(
    message: string,
    readonly retry: RetryAdvice,
    readonly requestLog: string | null,
    readonly responseLog: string | null,
  ) {
    super(message);
  }
}

/** How to treat a call that answered with a status other than 2xx. */
export function adviceFor(call: AmberfloCall, now: Date): RetryAdvice {
  if (call.status === 429) return retryAfter(call.retryAfter, now) ?? 'backoff';
  if (call.status === 408 || call.status >= 500) return 'backoff';
  return call.status >= 400 ? 'never' : 'backoff';
}

/** The longest wait a `Retry-After` may ask for; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * `Retry-After` as seconds or an HTTP date, at most an hour away (a server asking for days is
 * not taken at its word), or undefined when absent or unreadable.
 */
function retryAfter(header: string | undefined, now: Date): Date | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  const at = /^\d+$/.test(text) ? now.getTime() + Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  const wait = Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
  return new Date(now.getTime() + wait);
}

/** Whether a status is a success. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
