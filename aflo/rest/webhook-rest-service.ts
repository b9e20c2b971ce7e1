/**
 * `AFLO.WebhookRestService`, the package's inbound webhook endpoint at
 * `/services/apexrest/AFLO/webhook` (and `{site}/services/apexrest/AFLO/webhook` on the public
 * site Amberflo calls):
 *
 * - GET answers the JSON string `"Welcome to the webhook service!"`.
 * - POST takes a JSON array of changes (webhook-body.ts) and writes one inbound async event per
 *   change (webhook-events.ts), all in this request's one transaction or none:
 *   1. guard: the `Token` header must equal the settings' webhook token (webhook-token.ts), else
 *      401; a body over MAX_BODY_BYTES, or with more than MAX_CHANGES changes, is 413;
 *   2. plan: the body is parsed and every change checked; any problem is 400, naming it;
 *   3. execute: the events are written, repeated deliveries skipped, chains started;
 *   4. answer: 200 `{received, written, duplicates, asyncEventIds}`.
 *   Error answers are the platform's shape, `[{errorCode, message}]`, and write nothing.
 */
import type { ApexRestResource, RestRequest, RestResponse } from '../../emulator/apex-api.ts';
import { loadSettings } from '../settings.ts';
import { parseWebhookBody, WebhookBodyError, type WebhookChange } from './webhook-body.ts';
import { recordWebhookChanges, type WebhookRequestLog } from './webhook-events.ts';
import { tokenMatches } from './webhook-token.ts';

export const WEBHOOK_CLASS = 'AFLO.WebhookRestService';
export const WEBHOOK_URL_MAPPING = '/AFLO/webhook';
export const WELCOME = 'Welcome to the webhook service!';
/** The largest body a POST may carry: 1 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The most changes one POST may carry (each writes two DML rows; the limit is 10,000). */
export const MAX_CHANGES = 1000;

/** What a successful POST answers. */
export interface WebhookSummary {
  /** Changes in the body. */
  received: number;
  /** Inbound async events written. */
  written: number;
  /** Changes skipped because their delivery was seen before. */
  duplicates: number;
  /** The Ids of the events written, in body order. */
  asyncEventIds: string[];
}

export function webhookRestService(): ApexRestResource {
  return {
    className: WEBHOOK_CLASS,
    urlMapping: WEBHOOK_URL_MAPPING,
    handlers: { GET: () => WELCOME, POST: handlePost },
  };
}

function handlePost(request: RestRequest, response: RestResponse): WebhookSummary | undefined {
  const refusal = refusalOf(request);
  if (refusal !== undefined) return refuse(response, refusal);

  const changes = readChanges(request.requestBody);
  if (!Array.isArray(changes)) return refuse(response, changes);

  const outcome = recordWebhookChanges(changes, requestLog(request));
  return {
    received: changes.length,
    written: outcome.eventIds.length,
    duplicates: outcome.duplicates.length,
    asyncEventIds: outcome.eventIds,
  };
}

/** The body's changes, or why they cannot be taken (400, 413). */
function readChanges(body: Buffer): WebhookChange[] | Refusal {
  let changes: WebhookChange[];
  try {
    changes = parseWebhookBody(body);
  } catch (error) {
    if (!(error instanceof WebhookBodyError)) throw error;
    return { status: 400, errorCode: error.errorCode, message: error.message };
  }
  if (changes.length <= MAX_CHANGES) return changes;
  return {
    status: 413,
    errorCode: 'REQUEST_ENTITY_TOO_LARGE',
    message: `The body holds ${changes.length} changes, more than ${MAX_CHANGES}; send them in several requests`,
  };
}

interface Refusal {
  status: number;
  errorCode: string;
  message: string;
}

/** Why the request is refused before its body is read, or undefined when it may go on. */
function refusalOf(request: RestRequest): Refusal | undefined {
  const expected = loadSettings().webhookToken;
  if (expected === '') {
    return {
      status: 401,
      errorCode: 'WEBHOOK_TOKEN_NOT_SET',
      message:
        'This org accepts no webhook deliveries yet: set AFLO__Settings__c.AFLO__WebhookToken__c, and send it in the Token header',
    };
  }
  if (!tokenMatches(request.headers.token, expected)) {
    return {
      status: 401,
      errorCode: 'INVALID_WEBHOOK_TOKEN',
      message:
        'The Token header is missing or wrong: send the token in AFLO__Settings__c.AFLO__WebhookToken__c',
    };
  }
  if (request.requestBody.length > MAX_BODY_BYTES) {
    return {
      status: 413,
      errorCode: 'REQUEST_ENTITY_TOO_LARGE',
      message: `The body is ${request.requestBody.length} bytes, more than ${MAX_BODY_BYTES}; send the changes in several requests`,
    };
  }
  return undefined;
}

function refuse(response: RestResponse, refusal: Refusal): undefined {
  response.statusCode = refusal.status;
  response.responseBody = JSON.stringify([
    { errorCode: refusal.errorCode, message: refusal.message },
  ]);
  return undefined;
}

function requestLog(request: RestRequest): WebhookRequestLog {
  const headers: Record<string, string> = { token: '********' };
  for (const name of ['content-type', 'user-agent']) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return { method: request.httpMethod, url: request.requestURI, headers };
}
