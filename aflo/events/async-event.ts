/**
 * The async-event log (`AFLO__AsyncEvent__c`): one record per change between Salesforce and
 * Amberflo, processed one at a time, oldest first, by its type's chain.
 *
 * An event is *unfinished* while it may still be processed: `Pending`, or `Failed` with a
 * next-attempt time. `AFLO__NextAttemptAt__c` is set exactly while the event is unfinished, so
 * "the next event to process" is an index seek (see the indexes in the object definition).
 *
 * Events of one record are applied in the order they were written: each carries an order key
 * naming its record, and an event is never due before an earlier unfinished event of the same
 * record. A failed event waiting for its retry holds back the record's later events with it.
 */
import { Database, System, sobject, type QueryRecord } from '../../emulator/apex-api.ts';
import type { AfloObjectType } from '../mapping/index.ts';

export const ASYNC_EVENT = 'AFLO__AsyncEvent__c';
export type Direction = 'Inbound' | 'Outbound';
export type EventAction = 'Created' | 'Updated' | 'Deleted';
export type EventStatus = 'Pending' | 'Failed' | 'Processed';

export interface NewAsyncEvent {
  objectType: AfloObjectType;
  direction: Direction;
  action: EventAction;
  /** The Amberflo JSON of the change. */
  payload: unknown;
  externalId?: string | null;
  recordId?: string | null;
  request?: string | null;
  response?: string | null;
  /** A webhook delivery's `topic/eventId`, so a repeated delivery is recognised. */
  webhookEventId?: string | null;
}

const EVENT_FIELDS =
  'Id, Name, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__Timestamp__c, AFLO__Payload__c, AFLO__ExternalId__c, AFLO__RecordId__c, AFLO__OrderKey__c';

const LONG_TEXT = 131_072;
const CUT = ' …[cut by AFLO: longer than the field]';

/**
 * A value cut to fit its field: one oversized record must not fail the whole download. The
 * event still records it; applying a cut payload fails that event alone, with the reason.
 */
function clamp(value: string | null, max: number): string | null {
  if (value === null || value.length <= max) return value;
  return value.slice(0, max - CUT.length) + CUT;
}

/**
 * The record an event changes: the Salesforce record for an outbound event (a customer promotion
 * made in Salesforce has no Amberflo id yet), the Amberflo id for an inbound one.
 */
function orderKeyOf(event: NewAsyncEvent): string | null {
  const id = event.direction === 'Outbound' ? event.recordId : event.externalId;
  // Cut to the field: two long ids sharing a prefix then only wait for each other.
  return id === null || id === undefined ? null : `${event.objectType}:${id}`.slice(0, 255);
}

/**
 * Writes events as `Pending` in one DML statement and returns their Ids in order. Each is due
 * now, or when the last unfinished event of its record is due, whichever is later.
 */
export function writeAsyncEvents(events: readonly NewAsyncEvent[]): string[] {
  if (events.length === 0) return [];
  const now = System.now();
  const keys = events.map(orderKeyOf);
  const heldUntil = unfinishedDueTimes(keys, now);
  const records = events.map((event, i) => {
    const key = keys[i] ?? null;
    const due = (key === null ? undefined : heldUntil.get(key)) ?? now;
    return sobject(ASYNC_EVENT, {
      AFLO__ObjectType__c: event.objectType,
      AFLO__Direction__c: event.direction,
      AFLO__Action__c: event.action,
      AFLO__Status__c: 'Pending',
      AFLO__Attempts__c: 0,
      AFLO__Timestamp__c: now,
      AFLO__NextAttemptAt__c: due,
      AFLO__OrderKey__c: key,
      AFLO__Payload__c: clamp(JSON.stringify(event.payload), LONG_TEXT),
      AFLO__ExternalId__c: clamp(event.externalId ?? null, 255),
      AFLO__RecordId__c: event.recordId ?? null,
      AFLO__Request__c: clamp(event.request ?? null, LONG_TEXT),
      AFLO__Response__c: clamp(event.response ?? null, LONG_TEXT),
      AFLO__WebhookEventId__c: event.webhookEventId ?? null,
    });
  });
  return Database.insert(records).map((result) => String(result.id));
}

/** For each order key, the latest due time after `now` of an unfinished event of that record. */
function unfinishedDueTimes(keys: ReadonlyArray<string | null>, now: Date): Map<string, Date> {
  const wanted = [...new Set(keys.filter((key): key is string => key !== null))];
  const latest = new Map<string, Date>();
  if (wanted.length === 0) return latest;

  const rows = Database.query(
    `SELECT AFLO__OrderKey__c, AFLO__NextAttemptAt__c FROM ${ASYNC_EVENT} WHERE AFLO__OrderKey__c IN :wanted AND AFLO__NextAttemptAt__c > :now`,
    { wanted, now },
  );
  for (const row of rows) {
    const key = String(row.AFLO__OrderKey__c);
    const due = row.AFLO__NextAttemptAt__c as Date;
    const known = latest.get(key);
    if (known === undefined || due > known) latest.set(key, due);
  }
  return latest;
}

/**
 * Holds back the later unfinished events of a failed event's record until its retry is due, so
 * they are not applied before it. Returns how many were held back.
 */
export function holdBackLaterEvents(event: QueryRecord, until: Date): number {
  const key = event.AFLO__OrderKey__c;
  if (typeof key !== 'string') return 0;

  const later = Database.query(
    `SELECT Id, Name, AFLO__Timestamp__c FROM ${ASYNC_EVENT} WHERE AFLO__OrderKey__c = :key AND AFLO__NextAttemptAt__c != null AND AFLO__NextAttemptAt__c < :until AND Id != :id`,
    { key, until, id: String(event.Id) },
  ).filter((other) => isOlder(event, other));
  if (later.length === 0) return 0;

  Database.update(
    later.map((other) =>
      sobject(ASYNC_EVENT, { Id: String(other.Id), AFLO__NextAttemptAt__c: until }),
    ),
  );
  return later.length;
}

/**
 * The oldest event of a type that is due now: of the due `Pending` events and the `Failed` ones
 * whose retry time has come, the one written first (timestamp, then number). Each half walks
 * the (type, status, timestamp, number) index in order and stops at the first due event; taking
 * the oldest, not the one due soonest, is what keeps a record's events in order.
 */
export function nextDueEvent(objectType: AfloObjectType): QueryRecord | undefined {
  const binds = { objectType, now: System.now() };
  const pending = oldestDuePending(objectType, binds.now);
  const [retry] = Database.query(
    `SELECT ${EVENT_FIELDS} FROM ${ASYNC_EVENT} WHERE AFLO__ObjectType__c = :objectType AND AFLO__Status__c = 'Failed' AND AFLO__NextAttemptAt__c <= :now ORDER BY AFLO__Timestamp__c, Name LIMIT 1`,
    binds,
  );
  if (pending === undefined || retry === undefined) return pending ?? retry;
  return isOlder(retry, pending) ? retry : pending;
}

/** How many of the oldest Pending events are read to find a due one before asking SQLite to. */
const PENDING_WINDOW = 20;

/**
 * The oldest due Pending event. Read in (timestamp, number) order straight off the index, since
 * asking for `NextAttemptAt <= now` makes SQLite range-scan the next-attempt index and sort every
 * due event instead; only when the oldest few are all held back does it ask with the filter.
 */
function oldestDuePending(objectType: AfloObjectType, now: Date): QueryRecord | undefined {
  const oldest = Database.query(
    `SELECT Id, AFLO__NextAttemptAt__c FROM ${ASYNC_EVENT} WHERE AFLO__ObjectType__c = :objectType AND AFLO__Status__c = 'Pending' ORDER BY AFLO__Timestamp__c, Name LIMIT ${PENDING_WINDOW}`,
    { objectType },
  );
  const due = oldest.find((event) => (event.AFLO__NextAttemptAt__c as Date) <= now);
  if (due !== undefined) {
    const [event] = Database.query(`SELECT ${EVENT_FIELDS} FROM ${ASYNC_EVENT} WHERE Id = :id`, {
      id: String(due.Id),
    });
    return event;
  }
  if (oldest.length < PENDING_WINDOW) return undefined;

  const [held] = Database.query(
    `SELECT ${EVENT_FIELDS} FROM ${ASYNC_EVENT} WHERE AFLO__ObjectType__c = :objectType AND AFLO__Status__c = 'Pending' AND AFLO__NextAttemptAt__c <= :now ORDER BY AFLO__Timestamp__c, Name LIMIT 1`,
    { objectType, now },
  );
  return held;
}

function isOlder(a: QueryRecord, b: QueryRecord): boolean {
  const ta = (a.AFLO__Timestamp__c as Date).getTime();
  const tb = (b.AFLO__Timestamp__c as Date).getTime();
  return ta === tb ? String(a.Name) < String(b.Name) : ta < tb;
}

/** When the earliest unfinished event of a type is due (now or later), or undefined if none. */
export function earliestUnfinished(objectType: AfloObjectType): Date | undefined {
  const [row] = Database.query(
    `SELECT AFLO__NextAttemptAt__c FROM ${ASYNC_EVENT} WHERE AFLO__ObjectType__c = :objectType AND AFLO__NextAttemptAt__c != null ORDER BY AFLO__NextAttemptAt__c LIMIT 1`,
    { objectType },
  );
  const due = row?.AFLO__NextAttemptAt__c;
  return due instanceof Date ? due : undefined;
}
