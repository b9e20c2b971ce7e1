/** An async event's payload: the Amberflo JSON object of one change. */
import type { AmberfloJson } from '../mapping/index.ts';

/** A payload that is not a JSON object; the event fails with this message and is not retried. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

/** The event's payload as a JSON object, or a PayloadError saying what it holds instead. */
export function parsePayload(payload: unknown): AmberfloJson {
  try {
    const json: unknown = JSON.parse(String(payload));
    if (typeof json === 'object' && json !== null && !Array.isArray(json))
      return json as AmberfloJson;
  } catch {
    // reported below
  }
  throw new PayloadError(`the payload is not a JSON object: ${String(payload).slice(0, 100)}`);
}
