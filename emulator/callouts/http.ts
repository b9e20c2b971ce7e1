/**
 * Callouts: `Http.send(HttpRequest)` for Apex code, with the platform's rules: no callout once
 * the transaction has uncommitted work, none from triggers, from scheduled Apex or from a
 * queueable without Database.AllowsCallouts; at most 100 per transaction (the 101st is a
 * System.LimitException); a timeout of 10 s by default and 120 s at most, each and in total per
 * transaction.
 *
 * While the request is in flight the org lock is let go (see transaction/org-lock.ts), so other
 * chains run; the transaction has written nothing yet, so there is nothing for them to see.
 *
 * On a virtual clock, which stands still while a callout waits, the 120 s count takes a timed-out
 * callout as its whole timeout and an answered one as no time, so a replay reaches the limit at
 * the same callout every run; on the real clock it counts the time each callout took.
 * `callout:Name/…` endpoints go to the org's named credentials (named-credentials.ts).
 */
import { ApexException } from '../errors.ts';
import { currentScope, type ApexScope } from '../transaction/context.ts';
import { LIMITS } from '../transaction/limits.ts';
import type { Transaction } from '../transaction/transaction.ts';

export class HttpRequest {
  private method = 'GET';
  private endpoint = '';
  private body = '';
  private timeoutMs: number = LIMITS.calloutDefaultTimeoutMs;
  private readonly headers = new Map<string, string>();

  setMethod(method: string): void {
    this.method = method.toUpperCase();
  }
  setEndpoint(endpoint: string): void {
    this.endpoint = endpoint;
  }
  setHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }
  setBody(body: string): void {
    this.body = body;
  }
  /** Milliseconds, 1 to 120,000 (`System.CalloutException` otherwise). */
  setTimeout(ms: number): void {
    if (!Number.isInteger(ms) || ms < 1 || ms > LIMITS.calloutMaxTimeoutMs) {
      throw new ApexException(
        'System.CalloutException',
        `Timeout value must be between 1 and ${LIMITS.calloutMaxTimeoutMs} milliseconds: ${ms}`,
      );
    }
    this.timeoutMs = ms;
  }
  getMethod(): string {
    return this.method;
  }
  getEndpoint(): string {
    return this.endpoint;
  }
  getBody(): string {
    return this.body;
  }
  getHeader(name: string): string | undefined {
    return this.headers.get(name);
  }
  getHeaderEntries(): Array<[string, string]> {
    return [...this.headers.entries()];
  }
  getTimeout(): number {
    return this.timeoutMs;
  }
}

export class HttpResponse {
  constructor(
    private readonly statusCode: number,
    private readonly statusText: string,
    private readonly body: string,
    private readonly headers: ReadonlyMap<string, string>,
  ) {}

  getStatusCode(): number {
    return this.statusCode;
  }
  getStatus(): string {
    return this.statusText;
  }
  getBody(): string {
    return this.body;
  }
  /** Header lookup, case-insensitive. */
  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }
  getHeaderKeys(): string[] {
    return [...this.headers.keys()];
  }
}

export class Http {
  /**
   * Sends the request; throws System.CalloutException for I/O failures and the platform's
   * refusals. A refusal is thrown at the call, not by the returned promise, so synchronous code
   * (a trigger handler) sees it as Apex would.
   */
  send(request: HttpRequest): Promise<HttpResponse> {
    const scope = currentScope();
    const tx = scope.transaction;
    assertCalloutAllowed(tx);
    const url = scope.org.namedCredentials.resolve(request.getEndpoint());
    tx.limits.callouts++;
    return sendReleased(scope, request, url);
  }
}

/** Lets go of the org lock for the request and takes it back afterwards (see org-lock.ts). */
async function sendReleased(
  scope: ApexScope,
  request: HttpRequest,
  url: string,
): Promise<HttpResponse> {
  const tx = scope.transaction;
  const timeout = Math.min(request.getTimeout(), LIMITS.calloutTotalMs - tx.limits.calloutMs);
  const started = Date.now();
  let timedOut = false;
  scope.release();
  try {
    return await fetchResponse(request, url, timeout);
  } catch (error) {
    timedOut = error instanceof ApexException && isTimeout(error.cause);
    throw error;
  } finally {
    scope.release = await scope.org.lock.acquire();
    tx.limits.calloutMs +=
      scope.org.clock.kind === 'virtual' ? (timedOut ? timeout : 0) : Date.now() - started;
  }
}

function assertCalloutAllowed(tx: Transaction): void {
  const refusal = calloutRefusal(tx);
  if (refusal !== undefined) throw new ApexException('System.CalloutException', refusal);
  if (tx.limits.callouts >= LIMITS.callouts) {
    const message = `Too many callouts: ${tx.limits.callouts + 1}`;
    throw new ApexException('System.LimitException', message);
  }
}

/** Why the platform would refuse a callout now, or undefined when it would not. */
function calloutRefusal(tx: Transaction): string | undefined {
  if (tx.triggerDepth > 0) return 'Callout from triggers are currently not supported.';
  if (tx.kind === 'schedulable') return 'Callout from scheduled Apex not supported.';
  if (!tx.allowsCallouts) {
    return `Callout not allowed from this Queueable: ${tx.className ?? 'the class'} must implement Database.AllowsCallouts`;
  }
  if (tx.hasPendingWork) {
    return 'You have uncommitted work pending. Please commit or rollback before calling out';
  }
  if (tx.limits.calloutMs >= LIMITS.calloutTotalMs) {
    return 'Maximum callout time exceeded for this transaction (120 seconds)';
  }
  return undefined;
}

async function fetchResponse(
  request: HttpRequest,
  url: string,
  timeoutMs: number,
): Promise<HttpResponse> {
  const method = request.getMethod();
  const hasBody = method !== 'GET' && method !== 'HEAD' && request.getBody() !== '';
  try {
    const response = await fetch(url, {
      method,
      headers: request.getHeaderEntries(),
      ...(hasBody ? { body: request.getBody() } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    const headers = new Map<string, string>();
    response.headers.forEach((value, name) => headers.set(name.toLowerCase(), value));
    return new HttpResponse(response.status, response.statusText, body, headers);
  } catch (error) {
    throw new ApexException('System.CalloutException', describeFetchError(error), { cause: error });
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describeFetchError(error: unknown): string {
  if (isTimeout(error)) return 'Read timed out';
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'Unexpected end of file from server';
    case 'ENOTFOUND':
      return 'Unknown host';
    default:
      // fetch's own message is always "fetch failed"; the cause says what went wrong.
      if (cause?.message !== undefined && cause.message !== '') return cause.message;
      return error instanceof Error ? error.message : String(error);
  }
}
