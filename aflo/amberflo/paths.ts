/** Amberflo API paths the package calls (see ../shared/reference/amberflo.md §6). */
const ACCOUNT_PRICING = '/payments/pricing/amberflo/account-pricing';

export const AMBERFLO_PATHS = {
  customers: '/customers',
  customersPaging: '/customers/paging',
  promotionsList: `${ACCOUNT_PRICING}/promotions/list`,
  productItemsList: `${ACCOUNT_PRICING}/product-items/list`,
  /** Takes `CustomerId` and `ProductId`, PascalCase: lower-case `customerId` is a 400. */
  customerPromotionsList: '/payments/pricing/amberflo/customer-promotions/list',
} as const;

/** Amberflo's default product, which most billing endpoints take as `ProductId`. */
export const DEFAULT_PRODUCT_ID = '1';
