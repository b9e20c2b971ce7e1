/** The outbound async event of one record change, as the record triggers write it. */
import type { SObjectRecord } from '../../emulator/apex-api.ts';
import type { NewAsyncEvent } from '../events/async-event.ts';
import { MAPPINGS, type AfloObjectType } from '../mapping/index.ts';

/** An Outbound event whose payload is the record's Amberflo JSON. */
export function outboundEvent(
  objectType: AfloObjectType,
  action: NewAsyncEvent['action'],
  record: SObjectRecord,
): NewAsyncEvent {
  const mapping = MAPPINGS[objectType];
  const externalId = record[mapping.externalIdField];
  return {
    objectType,
    direction: 'Outbound',
    action,
    payload: mapping.toAmberflo(record),
    recordId: String(record.Id),
    externalId: typeof externalId === 'string' ? externalId : null,
  };
}
