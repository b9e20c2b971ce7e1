/**
 * Applies an inbound async event: the Amberflo JSON it carries becomes an AFLO record, upserted
 * by its Amberflo id, with lookups resolved; `Deleted` removes the record. Writes made here must
 * not be exported back to Amberflo, so they run inside `withoutExport` (events/export-guard.ts).
 */
import { Database, sobject, type FieldValue, type QueryRecord } from '../../emulator/apex-api.ts';
import { withoutExport } from '../events/export-guard.ts';
import { parsePayload } from '../events/payload.ts';
import { MAPPINGS, type AfloObjectType, type AmberfloJson } from '../mapping/index.ts';

/** A reason an event could not be applied; the event is marked Failed with this message. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError';
}

/** Applies the event and returns the Id of the record it wrote (or deleted). */
export function applyInbound(event: QueryRecord): string | null {
  const objectType = event.AFLO__ObjectType__c as AfloObjectType;
  const mapping = MAPPINGS[objectType];
  const json = parsePayload(event.AFLO__Payload__c);

  return withoutExport(() => {
    if (event.AFLO__Action__c === 'Deleted')
      return deleteByExternalId(objectType, mapping.externalId(json));
    const fields = { ...mapping.toFields(json), ...resolveLookups(objectType, json) };
    const [result] = Database.upsert(
      [sobject(mapping.sObject, fields)],
      mapping.externalIdField,
      false,
    );
    if (result === undefined || !result.success) {
      const errors = result?.errors
        .map((error) => `${error.statusCode}: ${error.message}`)
        .join('; ');
      throw new ApplyError(`could not save ${mapping.sObject}: ${errors ?? 'no result'}`);
    }
    return result.id;
  });
}

function deleteByExternalId(
  objectType: AfloObjectType,
  externalId: string | undefined,
): string | null {
  const mapping = MAPPINGS[objectType];
  if (externalId === undefined)
    throw new ApplyError(`the payload has no Amberflo id (${mapping.externalIdField})`);
  const [record] = Database.query(
    `SELECT Id FROM ${mapping.sObject} WHERE ${mapping.externalIdField} = :externalId`,
    { externalId },
  );
  if (record === undefined) return null;
  Database.delete(mapping.sObject, [String(record.Id)]);
  return String(record.Id);
}

/** A customer promotion's customer and promotion, found by their Amberflo ids. */
function resolveLookups(
  objectType: AfloObjectType,
  json: AmberfloJson,
): Record<string, FieldValue> {
  if (objectType !== 'CustomerPromotion') return {};
  return {
    AFLO__Customer__c: findParent('Customer', json.customerId),
    AFLO__Promotion__c: findParent('Promotion', json.promotionId),
  };
}

function findParent(parentType: AfloObjectType, externalId: unknown): string {
  const mapping = MAPPINGS[parentType];
  const [record] = Database.query(
    `SELECT Id FROM ${mapping.sObject} WHERE ${mapping.externalIdField} = :externalId`,
    { externalId: String(externalId) },
  );
  if (record === undefined)
    throw new ApplyError(`${parentType} ${String(externalId)} is not in the org yet`);
  return String(record.Id);
}
