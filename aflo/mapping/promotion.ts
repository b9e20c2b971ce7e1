import { num, requiredText, text, type ObjectMapping } from './object-mapping.ts';

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
};
