/** What an exporter returns and the outbound change it is given. */
import { responseLog, type AmberfloCall } from '../amberflo/client.ts';
import type { EventAction } from '../events/async-event.ts';
import type { AmberfloJson } from '../mapping/index.ts';
import type { AfloSettings } from '../settings.ts';
import { ExportFailure } from './export-failure.ts';

/** One outbound event's change: its action and the Amberflo JSON of the record. */
export interface OutboundChange {
  action: EventAction;
  json: AmberfloJson;
}

/** A processed export, as it is logged on the event and written back on the record. */
export interface ExportResult {
  /** The call that decided the outcome, as logged; null when no call was needed. */
  requestLog: string | null;
  responseLog: string;
  /** The Amberflo id of the exported record, when known. */
  externalId: string | null;
  /** Amberflo's JSON of the record after the export, to write assigned values back from. */
  answer: AmberfloJson | null;
}

/** Exports one change of one AFLO object type to Amberflo. */
export type Exporter = (settings: AfloSettings, change: OutboundChange) => Promise<ExportResult>;

/** The result of an export decided by `call`. */
export function decidedBy(
  call: AmberfloCall,
  externalId: string | null,
  answer: AmberfloJson | null,
): ExportResult {
  return { requestLog: call.requestLog, responseLog: responseLog(call), externalId, answer };
}

/** The key's value, or a permanent ExportFailure: Amberflo cannot be told about this record. */
export function requiredKey(json: AmberfloJson, key: string): string {
  const value = json[key];
  if (typeof value === 'string' && value !== '') return value;
  throw new ExportFailure(
    `the record has no ${key}, so Amberflo cannot identify it`,
    'never',
    null,
    null,
  );
}
