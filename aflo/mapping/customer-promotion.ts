import {
  epoch,
  MappingError,
  num,
  requiredText,
  text,
  type AmberfloJson,
  type ObjectMapping,
} from './object-mapping.ts';

/** Amberflo names the applied promotion by `relationId`; older payloads carry only `id`. */
function relationId(json: AmberfloJson): string | undefined {
  return text(json, 'relationId') ?? text(json, 'id') ?? undefined;
}

export const customerPromotionMapping: ObjectMapping = {
  objectType: 'CustomerPromotion',
  sObject: 'AFLO__CustomerPromotion__c',
  externalIdField: 'AFLO__RelationId__c',
  externalId: relationId,
  toFields: (json) => {
    const id = relationId(json);
    if (id === undefined) throw new MappingError('relationId (or id) is missing');
    return {
      AFLO__RelationId__c: id,
      AFLO__CustomerId__c: requiredText(json, 'customerId'),
      AFLO__PromotionId__c: requiredText(json, 'promotionId'),
      AFLO__ProductId__c: text(json, 'productId'),
      AFLO__AppliedTime__c: epoch(json, 'appliedTimeInSeconds', 1000),
      AFLO__Priority__c: num(json, 'priority'),
    };
  },
};
