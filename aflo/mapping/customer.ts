import { bool, epoch, jsonText, requiredText, text, type ObjectMapping } from './object-mapping.ts';

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
};
