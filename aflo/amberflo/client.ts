/**
 * Calls to the Amberflo API, made as Apex callouts, and the request/response log kept on async
 * events. The API key travels in `X-API-KEY` and is masked in every log.
 */
import { ApexException, Http, HttpRequest } from '../../emulator/apex-api.ts';
import type { AfloSettings } from '../settings.ts';
import type { AmberfloJson } from '../mapping/index.ts';

export const MASKED = '********';

export interface AmberfloCall {
  method: string;
  url: string;
  status: number;
  body: string;
  /** The `Retry-After` header of the answer, as sent (seconds or an HTTP date), if any. */
  retryAfter: string | undefined;
  /** The request as logged on an event: method, URL, headers (key masked), body. */
  requestLog: string;
}

/** An Amberflo call that did not answer as expected: its status and body are in the message. */
export class AmberfloException extends ApexException {
  constructor(message: string) {
    super('AFLO.AmberfloException', message);
  }
}

/**
 * A call that got no answer at all (a timeout, a reset, a refused connection): the platform's
 * `System.CalloutException`, with the request kept for the event's log.
 */
export class AmberfloUnreachable extends ApexException {
  constructor(
    message: string,
    readonly requestLog: string,
  ) {
    super('System.CalloutException', message);
  }
}

export async function callAmberflo(
  settings: AfloSettings,
  method: string,
  path: string,
  query: Record<string, string> = {},
  body?: unknown,
): Promise<AmberfloCall> {
  if (settings.apiKey === '') {
    throw new ApexException(
      'AFLO.ConfigurationException',
      'No Amberflo API key is configured: set AFLO__Settings__c.AFLO__ApiKey__c (or run the CLI with --amberflo-key)',
    );
  }
  const search = new URLSearchParams(query).toString();
  const url = `${settings.baseUrl}${path}${search === '' ? '' : `?${search}`}`;
  const request = new HttpRequest();
  request.setMethod(method);
  request.setEndpoint(url);
  request.setHeader('X-API-KEY', settings.apiKey);
  request.setHeader('Accept', 'application/json');
  request.setTimeout(settings.calloutTimeoutMs);
  if (body !== undefined) {
    request.setHeader('Content-Type', 'application/json');
    request.setBody(JSON.stringify(body));
  }

  let response;
  try {
    response = await new Http().send(request);
  } catch (error) {
    if (error instanceof ApexException && error.type === 'System.CalloutException') {
      throw new AmberfloUnreachable(`${method} ${url}: ${error.message}`, requestLog(request));
    }
    throw error;
  }
  return {
    method,
    url,
    status: response.getStatusCode(),
    body: response.getBody(),
    retryAfter: response.getHeader('Retry-After'),
    requestLog: requestLog(request),
  };
}

function requestLog(request: HttpRequest): string {
  const headers = Object.fromEntries(
    request
      .getHeaderEntries()
      .map(([name, value]) => [name, name.toLowerCase() === 'x-api-key' ? MASKED : value]),
  );
  const body = request.getBody();
  return JSON.stringify({
    method: request.getMethod(),
    url: request.getEndpoint(),
    headers,
    body: body === '' ? null : parseOrText(body),
  });
}

/** The response as logged on an event; `body` replaces the raw body (one record of a list). */
export function responseLog(call: AmberfloCall, body?: unknown): string {
  return JSON.stringify({
    status: call.status,
    body: body === undefined ? parseOrText(call.body) : body,
  });
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The call's body as JSON, or an AmberfloException naming the call, its status and body. */
export function expectJson(call: AmberfloCall): unknown {
  if (call.status !== 200) {
    throw new AmberfloException(
      `${call.method} ${call.url} answered ${call.status}: ${call.body.slice(0, 200)}`,
    );
  }
  try {
    return JSON.parse(call.body) as unknown;
  } catch {
    throw new AmberfloException(
      `${call.method} ${call.url} answered malformed JSON: ${call.body.slice(0, 200)}`,
    );
  }
}

/** The call's body as an array of JSON objects. */
export function expectArray(call: AmberfloCall): AmberfloJson[] {
  const json = expectJson(call);
  if (
    !Array.isArray(json) ||
    !json.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))
  ) {
    throw new AmberfloException(
      `${call.method} ${call.url} answered ${call.status} with something other than an array of objects: ${call.body.slice(0, 200)}`,
    );
  }
  return json as AmberfloJson[];
}
