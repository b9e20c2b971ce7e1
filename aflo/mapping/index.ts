import { customerPromotionMapping } from './customer-promotion.ts';
import { customerMapping } from './customer.ts';
import type { AfloObjectType, ObjectMapping } from './object-mapping.ts';
import { productItemMapping } from './product-item.ts';
import { promotionMapping } from './promotion.ts';

export * from './object-mapping.ts';

export const MAPPINGS: Readonly<Record<AfloObjectType, ObjectMapping>> = {
  Customer: customerMapping,
  Promotion: promotionMapping,
  CustomerPromotion: customerPromotionMapping,
  ProductItem: productItemMapping,
};
