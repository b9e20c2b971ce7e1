/**
 * Exporting one outbound async event. A create or update sends the record as it is when the
 * export runs, not as it was when the event was written: a retry, even a manual one long after,
 * never puts an older version over a newer one, and a record renamed since is exported under
 * its new Amberflo id. The event's payload keeps the change as it was written.
 *
 * Changes that no longer apply are not sent: a create or update of a record deleted since (its
 * Deleted event follows and removes it, so a record created and deleted before its first export
 * never reaches Amberflo), and a delete of a record that is back (undeleted) under the same
 * Amberflo id.
 */
import { Database, type QueryRecord } from '../../emulator/apex-api.ts';
import type { EventAction } from '../events/async-event.ts';
import { parsePayload } from '../events/payload.ts';
import { MAPPINGS, type AfloObjectType, type AmberfloJson } from '../mapping/index.ts';
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
  const mapping = MAPPINGS[objectType];
  const written = parsePayload(event.AFLO__Payload__c);
  const current = currentJson(objectType, event.AFLO__RecordId__c);

  if (action === 'Deleted') {
    if (current !== undefined && mapping.identity(current) === mapping.identity(written)) {
      return skipped(mapping.externalId(written), 'the record is in Salesforce again');
    }
    return EXPORTERS[objectType](settings, { action, json: written });
  }

  if (current === undefined) {
    return skipped(
      mapping.externalId(written),
      'the record was deleted before this change was exported',
    );
  }
  return EXPORTERS[objectType](settings, { action, json: current });
}

/** The record's Amberflo JSON now, or undefined when it is in the recycle bin or gone. */
function currentJson(objectType: AfloObjectType, recordId: unknown): AmberfloJson | undefined {
  if (typeof recordId !== 'string' || recordId === '') return undefined;
  const mapping = MAPPINGS[objectType];
  const [record] = Database.query(
    `SELECT Id, IsDeleted, ${mapping.exportedFields.join(', ')} FROM ${mapping.sObject} WHERE Id = :recordId ALL ROWS`,
    { recordId },
  );
  return record === undefined || record.IsDeleted === true ? undefined : mapping.toAmberflo(record);
}

function skipped(externalId: string | undefined, reason: string): ExportResult {
  return {
    requestLog: null,
    responseLog: JSON.stringify({ skipped: reason }),
    externalId: externalId ?? null,
    answer: null,
  };
}
