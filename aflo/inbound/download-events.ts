/**
 * Turns downloaded Amberflo records into inbound async events: `Created` when the record is new
 * to the org, else `Updated`, each with the call's request and its own slice of the response.
 */
import { Database } from '../../emulator/apex-api.ts';
import { responseLog, type AmberfloCall } from '../amberflo/client.ts';
import { MAPPINGS, type AfloObjectType, type AmberfloJson } from '../mapping/index.ts';
import type { NewAsyncEvent } from '../events/async-event.ts';

export interface Downloaded {
  objectType: AfloObjectType;
  call: AmberfloCall;
  items: readonly AmberfloJson[];
}

/** The inbound events for downloaded records, in download order. */
export function inboundEvents(downloads: readonly Downloaded[]): NewAsyncEvent[] {
  return downloads.flatMap(({ objectType, call, items }) => {
    const mapping = MAPPINGS[objectType];
    const known = existingIds(
      objectType,
      items.map((item) => mapping.externalId(item)),
    );
    return items.map((item): NewAsyncEvent => {
      const externalId = mapping.externalId(item) ?? null;
      return {
        objectType,
        direction: 'Inbound',
        action: externalId !== null && known.has(externalId.toLowerCase()) ? 'Updated' : 'Created',
        payload: item,
        externalId,
        request: call.requestLog,
        response: responseLog(call, item),
      };
    });
  });
}

/** The Amberflo ids (lower-cased) among `ids` that already have a record in the org. */
function existingIds(objectType: AfloObjectType, ids: Array<string | undefined>): Set<string> {
  const mapping = MAPPINGS[objectType];
  const wanted = ids.filter((id): id is string => id !== undefined);
  const known = new Set<string>();
  // In slices: SQLite takes at most 32,766 parameters in one statement.
  for (let start = 0; start < wanted.length; start += 1000) {
    const slice = wanted.slice(start, start + 1000);
    const records = Database.query(
      `SELECT ${mapping.externalIdField} FROM ${mapping.sObject} WHERE ${mapping.externalIdField} IN :slice`,
      { slice },
    );
    for (const record of records) known.add(String(record[mapping.externalIdField]).toLowerCase());
  }
  return known;
}
