import { compact, fieldText, requiredText, text, type ObjectMapping } from './object-mapping.ts';

/**
 * Product items (`…/account-pricing/product-items`), one per meter. Amberflo fills in
 * `productId` ("1") and `lockingStatus` ("open") when they are not sent; they are written back.
 */
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
  exportedFields: [
    'Name',
    'AFLO__ProductItemId__c',
    'AFLO__MeterApiName__c',
    'AFLO__ProductId__c',
    'AFLO__Description__c',
    'AFLO__LockingStatus__c',
  ],
  toAmberflo: (record) =>
    compact({
      id: fieldText(record, 'AFLO__ProductItemId__c'),
      productItemName: fieldText(record, 'Name'),
      meterApiName: fieldText(record, 'AFLO__MeterApiName__c'),
      productId: fieldText(record, 'AFLO__ProductId__c'),
      description: fieldText(record, 'AFLO__Description__c'),
      lockingStatus: fieldText(record, 'AFLO__LockingStatus__c'),
    }),
  identity: (json) => String(json.id ?? ''),
  assignedFields: (answer) =>
    compact({
      AFLO__ProductId__c: text(answer, 'productId'),
      AFLO__LockingStatus__c: text(answer, 'lockingStatus'),
    }),
};
