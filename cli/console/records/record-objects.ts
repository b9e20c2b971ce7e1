/**
 * The AFLO objects the console lists and edits, as their tabs in a Lightning app would: the
 * columns of each list view and the fields of each form, by API name. Labels, types and picklist
 * values come from the org's metadata, so they read as the object definitions say.
 */
import type { FieldDefinition } from '../../../emulator/metadata/schema.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import type { Org } from '../../../emulator/org.ts';
import type { NavKey } from '../layout.ts';

export interface RecordObject {
  sObject: string;
  nav: NavKey;
  /** List columns after Name. */
  columns: readonly string[];
  /** Form fields, in order. */
  formFields: readonly string[];
  /** Hints under form fields, by API name. */
  help?: Readonly<Record<string, string>>;
}

export const RECORD_OBJECTS: readonly RecordObject[] = [
  {
    sObject: 'AFLO__Customer__c',
    nav: 'customers',
    columns: [
      'AFLO__CustomerId__c',
      'AFLO__CustomerEmail__c',
      'AFLO__LifecycleStage__c',
      'AFLO__Enabled__c',
      'LastModifiedDate',
    ],
    formFields: [
      'Name',
      'AFLO__CustomerId__c',
      'AFLO__CustomerEmail__c',
      'AFLO__Enabled__c',
      'AFLO__LifecycleStage__c',
      'AFLO__Traits__c',
    ],
    help: { AFLO__Traits__c: 'A JSON object of text values, e.g. {"region": "EU"}' },
  },
  {
    sObject: 'AFLO__Promotion__c',
    nav: 'promotions',
    columns: [
      'AFLO__PromotionId__c',
      'AFLO__PromotionType__c',
      'AFLO__Discount__c',
      'AFLO__LockingStatus__c',
      'LastModifiedDate',
    ],
    formFields: [
      'Name',
      'AFLO__PromotionId__c',
      'AFLO__PromotionType__c',
      'AFLO__Description__c',
      'AFLO__Discount__c',
      'AFLO__LockingStatus__c',
    ],
  },
  {
    sObject: 'AFLO__CustomerPromotion__c',
    nav: 'customer-promotions',
    columns: [
      'AFLO__Customer__c',
      'AFLO__Promotion__c',
      'AFLO__RelationId__c',
      'AFLO__AppliedTime__c',
      'LastModifiedDate',
    ],
    formFields: [
      'AFLO__Customer__c',
      'AFLO__CustomerId__c',
      'AFLO__Promotion__c',
      'AFLO__PromotionId__c',
      'AFLO__ProductId__c',
      'AFLO__AppliedTime__c',
      'AFLO__Priority__c',
    ],
    help: {
      AFLO__Customer__c:
        "The customer's record Id; or leave it empty and give the Amberflo Customer Id",
      AFLO__Promotion__c:
        "The promotion's record Id; or leave it empty and give the Amberflo Promotion Id",
    },
  },
  {
    sObject: 'AFLO__ProductItem__c',
    nav: 'product-items',
    columns: [
      'AFLO__ProductItemId__c',
      'AFLO__MeterApiName__c',
      'AFLO__ProductId__c',
      'AFLO__LockingStatus__c',
      'LastModifiedDate',
    ],
    formFields: [
      'Name',
      'AFLO__ProductItemId__c',
      'AFLO__MeterApiName__c',
      'AFLO__ProductId__c',
      'AFLO__Description__c',
      'AFLO__LockingStatus__c',
    ],
  },
];

/** The console's object of this API name, or undefined. */
export function recordObject(sObject: string): RecordObject | undefined {
  return RECORD_OBJECTS.find((candidate) => candidate.sObject === sObject);
}

/** A field of the type that the console's config names; the config is checked by the tests. */
export function fieldOf(type: SObjectType, name: string): FieldDefinition {
  const field = type.getField(name);
  if (field === undefined) throw new Error(`no field ${name} on ${type.name}`);
  return field;
}

/** The standard fields' labels, which their definitions leave out. */
const STANDARD_LABELS: Readonly<Record<string, string>> = {
  Id: 'Record ID',
  CreatedDate: 'Created Date',
  LastModifiedDate: 'Last Modified Date',
};

/** A field's label, or its API name when it has none. */
export function labelOf(field: FieldDefinition): string {
  return field.label ?? STANDARD_LABELS[field.name] ?? field.name;
}

/** The sObject type of a console object. */
export function typeOf(org: Org, object: RecordObject): SObjectType {
  return org.requireType(object.sObject);
}

/** Paths of an object's pages. */
export const recordPaths = {
  list: (sObject: string): string => `/lightning/o/${sObject}/list`,
  create: (sObject: string): string => `/lightning/o/${sObject}/new`,
  view: (sObject: string, id: string): string =>
    `/lightning/r/${sObject}/${encodeURIComponent(id)}/view`,
  edit: (sObject: string, id: string): string =>
    `/lightning/r/${sObject}/${encodeURIComponent(id)}/edit`,
  remove: (sObject: string, id: string): string =>
    `/lightning/r/${sObject}/${encodeURIComponent(id)}/delete`,
};
