import { requiredText, text, type ObjectMapping } from './object-mapping.ts';

export const productItemMapping: ObjectMapping = {
  objectType: 'ProductItem',
  sObject: 'AFLO__ProductItem__c',
  externalIdField: 'AFLO__ProductItemId__c',
  externalId: (json) => text(json, 'id') ?? undefined,
  toFields: (json) => ({
    Name: requiredText(json, 'productItemName', 80),
    AFLO__ProductItemId__c: requiredText(json, 'id'),
    AFLO__MeterApiName__c: text(json, 'meterApiName'),
    AFLO__ProductId__c: text(json, 'productId'),
    AFLO__Description__c: text(json, 'description'),
    AFLO__LockingStatus__c: text(json, 'lockingStatus'),
  }),
};
