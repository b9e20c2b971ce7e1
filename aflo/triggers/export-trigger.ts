/**
 * The record triggers of the AFLO objects: after insert, update, delete and undelete, one
 * outbound async event per record whose exported JSON changed, written in one DML statement
 * per trigger run (a chunk of up to 200 records), and the type's chain started if none is live.
 *
 * Nothing is written while the export guard is on (an inbound event being applied, values
 * Amberflo assigned being written back), so no change goes back to where it came from.
 */
import {
  type StoredRecord,
  type SObjectRecord,
  type TriggerContext,
  type TriggerDefinition,
} from '../../emulator/apex-api.ts';
import { writeAsyncEvents, type NewAsyncEvent } from '../events/async-event.ts';
import { startChain } from '../events/chains.ts';
import { exportSuppressed } from '../events/export-guard.ts';
import { followCustomerChanges } from './customer-promotions-follow.ts';
import { outboundEvent } from './outbound-event.ts';
import { AFLO_OBJECT_TYPES, MAPPINGS, type AfloObjectType } from '../mapping/index.ts';

/** One export trigger per AFLO object type, e.g. `AFLO.CustomerTrigger`. */
export function exportTriggers(): TriggerDefinition[] {
  return AFLO_OBJECT_TYPES.map((objectType) => ({
    name: `AFLO.${objectType}Trigger`,
    sObject: MAPPINGS[objectType].sObject,
    events: ['after insert', 'after update', 'after delete', 'after undelete'],
    handler: (context) => exportChanges(objectType, context),
  }));
}

function exportChanges(objectType: AfloObjectType, context: TriggerContext): void {
  if (exportSuppressed()) return;

  const events = changesOf(objectType, context);
  if (events.length === 0) return;

  writeAsyncEvents(events);
  startChain(objectType);
  if (objectType === 'Customer') followCustomerChanges(context);
}

/** The outbound events of one trigger run, in the order of its records. */
function changesOf(objectType: AfloObjectType, context: TriggerContext): NewAsyncEvent[] {
  if (context.isDelete) {
    return (context.old ?? []).map((record) => outboundEvent(objectType, 'Deleted', record));
  }
  if (context.isInsert || context.isUndelete) {
    return (context.new ?? []).map((record) => outboundEvent(objectType, 'Created', record));
  }
  return (context.new ?? []).flatMap((record) => {
    const old = context.oldMap?.get(String(record.Id));
    return old === undefined ? [] : updateOf(objectType, old, record);
  });
}

/** No event when no exported field changed; a delete and a create when Amberflo's id changed. */
function updateOf(
  objectType: AfloObjectType,
  old: StoredRecord,
  record: SObjectRecord,
): NewAsyncEvent[] {
  const mapping = MAPPINGS[objectType];
  const before = mapping.toAmberflo(old);
  const after = mapping.toAmberflo(record);
  if (JSON.stringify(before) === JSON.stringify(after)) return [];

  if (mapping.identity(before) !== mapping.identity(after)) {
    return [
      outboundEvent(objectType, 'Deleted', old),
      outboundEvent(objectType, 'Created', record),
    ];
  }
  return [outboundEvent(objectType, 'Updated', record)];
}
