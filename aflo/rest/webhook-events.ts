/**
 * Webhook changes become inbound async events: one `Pending` event per change, written in one
 * DML statement, then each type's chain started (if none is live), exactly as a download writes
 * its events. A change whose delivery (`topic/eventId`) the org has seen before, or that repeats
 * one earlier in the same body, is skipped: Amberflo retries a delivery until it gets a 200, so
 * the same change may arrive more than once. The delivery key is kept on the event
 * (`AFLO__WebhookEventId__c`, indexed).
 */
import { Database } from '../../emulator/apex-api.ts';
import { ASYNC_EVENT, writeAsyncEvents, type NewAsyncEvent } from '../events/async-event.ts';
import { startChain } from '../events/chains.ts';
import { AFLO_OBJECT_TYPES } from '../mapping/index.ts';
import type { WebhookChange } from './webhook-body.ts';

/** What a POST wrote. */
export interface WebhookOutcome {
  /** The async events written, in body order. */
  eventIds: string[];
  /** The positions of the changes skipped as repeated deliveries. */
  duplicates: number[];
}

/** The webhook request as an event records it (`AFLO__Request__c`), the token left out. */
export interface WebhookRequestLog {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export function recordWebhookChanges(
  changes: readonly WebhookChange[],
  request: WebhookRequestLog,
): WebhookOutcome {
  const seen = knownDeliveries(changes);
  const fresh: WebhookChange[] = [];
  const duplicates: number[] = [];
  for (const change of changes) {
    const key = change.deliveryKey?.toLowerCase();
    if (key !== undefined && seen.has(key)) {
      duplicates.push(change.index);
      continue;
    }
    if (key !== undefined) seen.add(key);
    fresh.push(change);
  }

  const eventIds = writeAsyncEvents(fresh.map((change) => inboundEvent(change, request)));
  for (const objectType of AFLO_OBJECT_TYPES) {
    if (fresh.some((change) => change.objectType === objectType)) startChain(objectType);
  }
  return { eventIds, duplicates };
}

/** The delivery keys (lower-cased, as the field compares) among the changes the org has seen. */
function knownDeliveries(changes: readonly WebhookChange[]): Set<string> {
  const keys = changes.flatMap((change) =>
    change.deliveryKey === null ? [] : [change.deliveryKey],
  );
  if (keys.length === 0) return new Set();
  const rows = Database.query(
    `SELECT AFLO__WebhookEventId__c FROM ${ASYNC_EVENT} WHERE AFLO__WebhookEventId__c IN :keys ALL ROWS`,
    { keys },
  );
  return new Set(rows.map((row) => String(row.AFLO__WebhookEventId__c).toLowerCase()));
}

function inboundEvent(change: WebhookChange, request: WebhookRequestLog): NewAsyncEvent {
  return {
    objectType: change.objectType,
    direction: 'Inbound',
    action: change.action,
    payload: change.data,
    externalId: change.externalId,
    request: JSON.stringify({ ...request, body: change.element }),
    webhookEventId: change.deliveryKey,
  };
}
