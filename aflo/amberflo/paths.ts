/** Amberflo API paths the package calls (see ../shared/reference/amberflo.md §6). */
const ACCOUNT_PRICING = '/payments/pricing/amberflo/account-pricing';

export const AMBERFLO_PATHS = {
  customers: '/customers',
  customersPaging: '/customers/paging',
  promotions: `${ACCOUNT_PRICING}/promotions`,
  promotionsList: `${ACCOUNT_PRICING}/promotions/list`,
  productItems: `${ACCOUNT_PRICING}/product-items`,
  productItemsList: `${ACCOUNT_PRICING}/product-items/list`,
  /** Apply with POST; remove with DELETE `?CustomerId=&PromotionId=` (PascalCase). */
  customerPromotions: '/payments/pricing/amberflo/customer-promotions',
  /** Takes `CustomerId` and `ProductId`, PascalCase: lower-case `customerId` is a 400. */
  customerPromotionsList: '/payments/pricing/amberflo/customer-promotions/list',
} as const;

/** Amberflo's default product, which most billing endpoints take as `ProductId`. */
export const DEFAULT_PRODUCT_ID = '1';
