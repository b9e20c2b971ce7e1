import {
  compact,
  fieldNumber,
  fieldText,
  num,
  requiredText,
  text,
  type ObjectMapping,
} from './object-mapping.ts';

/**
 * Account-level promotions (`…/account-pricing/promotions`). Amberflo's POST creates or replaces
 * the promotion whole, so keys the record does not hold (dimension maps, time ranges) are not
 * kept by an export: see docs/async-events.md.
 */
export const promotionMapping: ObjectMapping = {
  objectType: 'Promotion',
  sObject: 'AFLO__Promotion__c',
  externalIdField: 'AFLO__PromotionId__c',
  externalId: (json) => text(json, 'id') ?? undefined,
  toFields: (json) => ({
    Name: requiredText(json, 'promotionName', 80),
    AFLO__PromotionId__c: requiredText(json, 'id'),
    AFLO__PromotionType__c: text(json, 'type'),
    AFLO__Description__c: text(json, 'description'),
    AFLO__Discount__c: num(json, 'discount'),
    AFLO__LockingStatus__c: text(json, 'lockingStatus'),
  }),
  exportedFields: [
    'Name',
    'AFLO__PromotionId__c',
    'AFLO__PromotionType__c',
    'AFLO__Description__c',
    'AFLO__Discount__c',
    'AFLO__LockingStatus__c',
  ],
  toAmberflo: (record) =>
    compact({
      id: fieldText(record, 'AFLO__PromotionId__c'),
      promotionName: fieldText(record, 'Name'),
      type: fieldText(record, 'AFLO__PromotionType__c'),
      description: fieldText(record, 'AFLO__Description__c'),
      discount: fieldNumber(record, 'AFLO__Discount__c'),
      lockingStatus: fieldText(record, 'AFLO__LockingStatus__c'),
    }),
  identity: (json) => String(json.id ?? ''),
  assignedFields: () => ({}),
};
