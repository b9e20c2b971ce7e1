/**
 * The calls an export makes, each turned into its answer or an ExportFailure that carries the
 * logged request and response and the retry advice. Only calls made with `send` are logged on
 * the event; the last one decides the event's Request and Response.
 */
import { System } from '../../emulator/apex-api.ts';
import {
  AmberfloUnreachable,
  callAmberflo,
  responseLog,
  type AmberfloCall,
} from '../amberflo/client.ts';
import type { AmberfloJson } from '../mapping/index.ts';
import type { AfloSettings } from '../settings.ts';
import { adviceFor, ExportFailure, isSuccess } from './export-failure.ts';

/** One Amberflo call of an export and its answer. */
export interface Answered {
  call: AmberfloCall;
  /** The answer's JSON; null for an empty or non-JSON body of a call that needs none. */
  json: unknown;
}

export interface SendOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Statuses other than 2xx that count as an answer (404 for "already gone"). */
  accept?: readonly number[];
  /** Whether the answer must be JSON (a lookup, or a write whose answer is written back). */
  needsJson?: boolean;
}

/** Makes one call; throws ExportFailure for no answer, a refused status or unreadable JSON. */
export async function send(
  settings: AfloSettings,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Answered> {
  let call: AmberfloCall;
  try {
    call = await callAmberflo(settings, method, path, options.query, options.body);
  } catch (error) {
    if (error instanceof AmberfloUnreachable) {
      throw new ExportFailure(error.message, 'backoff', error.requestLog, null);
    }
    throw error;
  }

  const accepted = isSuccess(call.status) || (options.accept ?? []).includes(call.status);
  if (!accepted) {
    throw new ExportFailure(
      `${method} ${call.url} answered ${call.status}: ${call.body.slice(0, 300)}`,
      adviceFor(call, System.now()),
      call.requestLog,
      responseLog(call),
    );
  }
  return { call, json: parseAnswer(call, options.needsJson === true) };
}

function parseAnswer(call: AmberfloCall, needsJson: boolean): unknown {
  try {
    return call.body === '' ? null : (JSON.parse(call.body) as unknown);
  } catch {
    if (!needsJson) return null;
    // The change may have reached Amberflo; a retry looks it up before it writes again.
    throw new ExportFailure(
      `${call.method} ${call.url} answered ${call.status} with malformed JSON: ${call.body.slice(0, 300)}`,
      'backoff',
      call.requestLog,
      responseLog(call),
    );
  }
}

/** The answer as a JSON object, or an empty object when it is not one. */
export function asObject(json: unknown): AmberfloJson {
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as AmberfloJson)
    : {};
}
