/**
 * Manual retry (`aflo-emu events retry <id…>` or `--failed`): Failed events become due now and
 * their types' chains are started, so they are tried once more through the same one-chain-per-type
 * path as automatic retries. Attempts keep counting; an event past its max attempts gets one more
 * try, and a failure leaves it Failed for good again.
 */
import { Database, System, sobject, type QueryRecord } from '../../emulator/apex-api.ts';
import type { AfloObjectType } from '../mapping/index.ts';
import { ASYNC_EVENT } from './async-event.ts';
import { startChain } from './chains.ts';

/** Why a requested event cannot be retried; nothing is written when there is one. */
export class RetryRefused extends Error {
  override readonly name = 'RetryRefused';
}

/** Makes the events due now; `ids` undefined means every Failed event. Returns how many. */
export function retryEvents(ids: readonly string[] | undefined): number {
  const events = ids === undefined ? allFailed() : namedFailed(ids);
  if (events.length === 0) return 0;

  const now = System.now();
  for (let i = 0; i < events.length; i += 200) {
    const slice = events.slice(i, i + 200);
    Database.update(
      slice.map((event) =>
        sobject(ASYNC_EVENT, { Id: String(event.Id), AFLO__NextAttemptAt__c: now }),
      ),
    );
  }
  const types = new Set(events.map((event) => event.AFLO__ObjectType__c as AfloObjectType));
  for (const objectType of types) startChain(objectType);
  return events.length;
}

function allFailed(): QueryRecord[] {
  return Database.query(
    `SELECT Id, AFLO__ObjectType__c FROM ${ASYNC_EVENT} WHERE AFLO__Status__c = 'Failed' ORDER BY Name`,
  );
}

const ID_SHAPE = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;
const FIELDS = 'Id, Name, AFLO__ObjectType__c, AFLO__Status__c';

/** The events named by Id or by number (AE-0000042), all of which must be Failed. */
function namedFailed(ids: readonly string[]): QueryRecord[] {
  const recordIds = ids.filter((id) => ID_SHAPE.test(id));
  const names = ids.filter((id) => !ID_SHAPE.test(id));
  const byId = (): QueryRecord[] =>
    Database.query(`SELECT ${FIELDS} FROM ${ASYNC_EVENT} WHERE Id IN :recordIds ORDER BY Name`, {
      recordIds,
    });
  const byName = (): QueryRecord[] =>
    Database.query(`SELECT ${FIELDS} FROM ${ASYNC_EVENT} WHERE Name IN :names ORDER BY Name`, {
      names,
    });
  const found = [
    ...(recordIds.length === 0 ? [] : byId()),
    ...(names.length === 0 ? [] : byName()),
  ];
  const known = new Set(
    found.flatMap((event) => [String(event.Id).slice(0, 15), String(event.Name)]),
  );
  const missing = ids.filter((id) => !known.has(id.slice(0, 15)) && !known.has(id));
  if (missing.length > 0) throw new RetryRefused(`no async event ${missing.join(', ')}`);
  const notFailed = found.filter((event) => event.AFLO__Status__c !== 'Failed');
  if (notFailed.length > 0) {
    const names = notFailed.map(
      (event) => `${String(event.Name)} (${String(event.AFLO__Status__c)})`,
    );
    throw new RetryRefused(`only Failed events can be retried: ${names.join(', ')}`);
  }
  return found;
}
