/**
 * `AFLO.CustomerPromotionParentsTrigger` (before insert, before update): a customer promotion
 * names its customer and promotion twice, by lookup (`AFLO__Customer__c`, `AFLO__Promotion__c`)
 * and by Amberflo id (`AFLO__CustomerId__c`, `AFLO__PromotionId__c`), which is what its export
 * sends. Whichever the user set fills the other; one that names no record is a field error.
 */
import {
  Database,
  type SObjectRecord,
  type StoredRecord,
  type TriggerContext,
  type TriggerDefinition,
} from '../../emulator/apex-api.ts';
import { exportSuppressed } from '../events/export-guard.ts';
import { MAPPINGS, type AfloObjectType } from '../mapping/index.ts';

interface Parent {
  objectType: AfloObjectType;
  label: string;
  lookupField: string;
  idField: string;
}

const PARENTS: readonly Parent[] = [
  {
    objectType: 'Customer',
    label: 'customer',
    lookupField: 'AFLO__Customer__c',
    idField: 'AFLO__CustomerId__c',
  },
  {
    objectType: 'Promotion',
    label: 'promotion',
    lookupField: 'AFLO__Promotion__c',
    idField: 'AFLO__PromotionId__c',
  },
];

export function customerPromotionParentsTrigger(): TriggerDefinition {
  return {
    name: 'AFLO.CustomerPromotionParentsTrigger',
    sObject: MAPPINGS.CustomerPromotion.sObject,
    events: ['before insert', 'before update'],
    handler: fillParents,
  };
}

function fillParents(context: TriggerContext): void {
  // Inbound writes set both names themselves, from Amberflo's JSON.
  if (exportSuppressed()) return;
  for (const parent of PARENTS) fillParent(context, parent);
}

function fillParent(context: TriggerContext, parent: Parent): void {
  const records = context.new ?? [];
  const mapping = MAPPINGS[parent.objectType];
  const byLookup = records.filter((record) => lookupDecides(context, record, parent));
  const byId = records.filter((record) => !byLookup.includes(record));

  const parentIds = byLookup.map((record) => String(record[parent.lookupField]));
  const amberfloIds = byId.map((record) => record[parent.idField]).filter(isText);
  const found =
    parentIds.length + amberfloIds.length === 0
      ? []
      : Database.query(
          `SELECT Id, ${mapping.externalIdField} FROM ${mapping.sObject} WHERE Id IN :parentIds OR ${mapping.externalIdField} IN :amberfloIds`,
          { parentIds, amberfloIds },
        );
  const amberfloIdOf = new Map<string, string>();
  const recordIdOf = new Map<string, string>();
  for (const row of found) {
    amberfloIdOf.set(String(row.Id), String(row[mapping.externalIdField]));
    recordIdOf.set(String(row[mapping.externalIdField]), String(row.Id));
  }

  for (const record of byLookup) {
    record[parent.idField] = amberfloIdOf.get(String(record[parent.lookupField])) ?? null;
  }
  for (const record of byId) {
    const amberfloId = record[parent.idField];
    record[parent.lookupField] = isText(amberfloId) ? (recordIdOf.get(amberfloId) ?? null) : null;
    if (!isText(amberfloId)) {
      context.addError(
        record,
        `Choose a ${parent.label}: set ${parent.lookupField}, or ${parent.idField} to its Amberflo id`,
        parent.lookupField,
      );
    }
  }
}

/** The lookup decides when it is set and, on update, when it changed or the id did not. */
function lookupDecides(context: TriggerContext, record: SObjectRecord, parent: Parent): boolean {
  if (!isText(record[parent.lookupField])) return false;
  const old: StoredRecord | undefined = context.oldMap?.get(String(record.Id));
  if (old === undefined) return true;
  return (
    old[parent.lookupField] !== record[parent.lookupField] ||
    old[parent.idField] === record[parent.idField]
  );
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
