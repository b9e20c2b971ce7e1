import {
  compact,
  epoch,
  fieldText,
  MappingError,
  num,
  requiredText,
  text,
  type AmberfloJson,
  type ObjectMapping,
} from './object-mapping.ts';
import { DEFAULT_PRODUCT_ID } from '../amberflo/paths.ts';

/** Amberflo names the applied promotion by `relationId`; older payloads carry only `id`. */
function relationId(json: AmberfloJson): string | undefined {
  return text(json, 'relationId') ?? text(json, 'id') ?? undefined;
}

/**
 * Promotions applied to customers (`/payments/pricing/amberflo/customer-promotions`). Amberflo
 * assigns the relation id when a promotion is applied, so a customer promotion made in Salesforce
 * has none until its export has been processed. Amberflo cannot move an applied promotion: the
 * exported JSON is the customer, the promotion and the product, nothing else.
 */
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
  exportedFields: ['AFLO__CustomerId__c', 'AFLO__ProductId__c', 'AFLO__PromotionId__c'],
  toAmberflo: (record) =>
    compact({
      customerId: fieldText(record, 'AFLO__CustomerId__c'),
      productId: fieldText(record, 'AFLO__ProductId__c') ?? DEFAULT_PRODUCT_ID,
      promotionId: fieldText(record, 'AFLO__PromotionId__c'),
    }),
  // An applied promotion is its customer, promotion and product; none of them can change.
  identity: (json) => JSON.stringify(json),
  assignedFields: (answer) =>
    compact({
      AFLO__RelationId__c: relationId(answer),
      AFLO__AppliedTime__c: epoch(answer, 'appliedTimeInSeconds', 1000),
      AFLO__Priority__c: num(answer, 'priority'),
    }),
};
