import {
  bool,
  compact,
  epoch,
  fieldJson,
  fieldText,
  jsonText,
  requiredText,
  text,
  type ObjectMapping,
} from './object-mapping.ts';

/**
 * Customers (`/customers`). An export is a full replace in Amberflo, so the JSON carries every
 * key the record holds; Amberflo assigns `createTime` and `updateTime` (epoch milliseconds).
 */
export const customerMapping: ObjectMapping = {
  objectType: 'Customer',
  sObject: 'AFLO__Customer__c',
  externalIdField: 'AFLO__CustomerId__c',
  externalId: (json) => text(json, 'customerId') ?? undefined,
  toFields: (json) => ({
    Name: requiredText(json, 'customerName', 80),
    AFLO__CustomerId__c: requiredText(json, 'customerId'),
    AFLO__CustomerEmail__c: text(json, 'customerEmail'),
    AFLO__Enabled__c: bool(json, 'enabled') ?? true,
    AFLO__LifecycleStage__c: text(json, 'lifecycleStage'),
    AFLO__Traits__c: jsonText(json, 'traits'),
    AFLO__CreateTime__c: epoch(json, 'createTime', 1),
    AFLO__UpdateTime__c: epoch(json, 'updateTime', 1),
  }),
  exportedFields: [
    'Name',
    'AFLO__CustomerId__c',
    'AFLO__CustomerEmail__c',
    'AFLO__Enabled__c',
    'AFLO__LifecycleStage__c',
    'AFLO__Traits__c',
  ],
  toAmberflo: (record) =>
    compact({
      customerId: fieldText(record, 'AFLO__CustomerId__c'),
      customerName: fieldText(record, 'Name'),
      customerEmail: fieldText(record, 'AFLO__CustomerEmail__c'),
      enabled: record.AFLO__Enabled__c !== false,
      lifecycleStage: fieldText(record, 'AFLO__LifecycleStage__c'),
      traits: fieldJson(record, 'AFLO__Traits__c'),
    }),
  identity: (json) => String(json.customerId ?? ''),
  assignedFields: (answer) =>
    compact({
      AFLO__CreateTime__c: epoch(answer, 'createTime', 1),
      AFLO__UpdateTime__c: epoch(answer, 'updateTime', 1),
    }),
};
