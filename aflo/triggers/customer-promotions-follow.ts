/**
 * A customer's applied promotions follow the customer. Amberflo removes a customer's applied
 * promotions when it deletes the customer, so when a customer comes back (undelete) or moves to
 * a new Amberflo id (which is exported as a delete and a create), its customer promotions in the
 * org are applied again: undeleted customers' promotions get a `Created` event each, and renamed
 * customers' promotions take the new id, which their own trigger exports as a remove and an
 * apply.
 */
import {
  Database,
  sobject,
  type StoredRecord,
  type SObjectRecord,
  type TriggerContext,
} from '../../emulator/apex-api.ts';
import { writeAsyncEvents } from '../events/async-event.ts';
import { startChain } from '../events/chains.ts';
import { MAPPINGS } from '../mapping/index.ts';
import { outboundEvent } from './outbound-event.ts';

const CP = MAPPINGS.CustomerPromotion;

/** Runs after the customer trigger wrote its events. */
export function followCustomerChanges(context: TriggerContext): void {
  if (context.isUndelete) reapply((context.new ?? []).map((record) => String(record.Id)));
  if (context.isUpdate) moveToNewIds(context.new ?? [], context.oldMap);
}

function reapply(customerIds: string[]): void {
  const promotions = promotionsOf(customerIds);
  if (promotions.length === 0) return;

  writeAsyncEvents(
    promotions.map((record) => outboundEvent('CustomerPromotion', 'Created', record)),
  );
  startChain('CustomerPromotion');
}

function moveToNewIds(
  records: readonly SObjectRecord[],
  oldMap: ReadonlyMap<string, StoredRecord> | null,
): void {
  const renamed = new Map<string, string>();
  for (const record of records) {
    const before = oldMap?.get(String(record.Id))?.AFLO__CustomerId__c;
    const after = record.AFLO__CustomerId__c;
    if (typeof after === 'string' && before !== after) renamed.set(String(record.Id), after);
  }
  if (renamed.size === 0) return;

  const promotions = promotionsOf([...renamed.keys()]);
  if (promotions.length === 0) return;
  Database.update(
    promotions.map((record) =>
      sobject(CP.sObject, {
        Id: String(record.Id),
        AFLO__CustomerId__c: renamed.get(String(record.AFLO__Customer__c)) ?? null,
      }),
    ),
  );
}

function promotionsOf(customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return Database.query(
    `SELECT Id, AFLO__Customer__c, ${CP.externalIdField}, ${CP.exportedFields.join(', ')} FROM ${CP.sObject} WHERE AFLO__Customer__c IN :customerIds ORDER BY Id`,
    { customerIds },
  );
}
