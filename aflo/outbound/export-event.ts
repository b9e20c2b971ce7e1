/**
 * Exporting one outbound async event: its payload goes to the endpoint of its type. A change to
 * a record that has been deleted since is not sent (its Deleted event follows and removes it),
 * so a record created and deleted before its first export never reaches Amberflo.
 */
import { Database, type QueryRecord } from '../../emulator/apex-api.ts';
import type { EventAction } from '../events/async-event.ts';
import { parsePayload } from '../events/payload.ts';
import { MAPPINGS, type AfloObjectType } from '../mapping/index.ts';
import type { AfloSettings } from '../settings.ts';
import { exportProductItem, exportPromotion } from './export-account-pricing.ts';
import { exportCustomerPromotion } from './export-customer-promotion.ts';
import { exportCustomer } from './export-customer.ts';
import type { ExportResult, Exporter } from './export-result.ts';

const EXPORTERS: Readonly<Record<AfloObjectType, Exporter>> = {
  Customer: exportCustomer,
  Promotion: exportPromotion,
  CustomerPromotion: exportCustomerPromotion,
  ProductItem: exportProductItem,
};

/** Sends the event's change to Amberflo; throws ExportFailure when Amberflo does not take it. */
export async function exportEvent(
  event: QueryRecord,
  settings: AfloSettings,
): Promise<ExportResult> {
  const objectType = event.AFLO__ObjectType__c as AfloObjectType;
  const action = event.AFLO__Action__c as EventAction;
  const json = parsePayload(event.AFLO__Payload__c);

  if (action !== 'Deleted' && isDeleted(objectType, event.AFLO__RecordId__c)) {
    return {
      requestLog: null,
      responseLog: JSON.stringify({
        skipped: 'the record was deleted before this change was exported',
      }),
      externalId: MAPPINGS[objectType].externalId(json) ?? null,
      answer: null,
    };
  }
  return EXPORTERS[objectType](settings, { action, json });
}

/** Whether the record is in the recycle bin or gone for good. */
function isDeleted(objectType: AfloObjectType, recordId: unknown): boolean {
  if (typeof recordId !== 'string' || recordId === '') return false;
  const [record] = Database.query(
    `SELECT Id, IsDeleted FROM ${MAPPINGS[objectType].sObject} WHERE Id = :recordId ALL ROWS`,
    { recordId },
  );
  return record === undefined || record.IsDeleted === true;
}
