/**
 * Customer promotions: apply (POST) and remove (DELETE with `CustomerId` and `PromotionId`,
 * PascalCase). Applying is not idempotent in Amberflo, so an apply first lists the customer's
 * applied promotions and adopts the one already there: a retry after a lost answer never applies
 * a promotion twice. Removing one that is not applied (404) is done already.
 */
import { AMBERFLO_PATHS, DEFAULT_PRODUCT_ID } from '../amberflo/paths.ts';
import { MAPPINGS, type AmberfloJson } from '../mapping/index.ts';
import { asObject, send } from './amberflo-calls.ts';
import { ExportFailure } from './export-failure.ts';
import { decidedBy, requiredKey, type Exporter } from './export-result.ts';

export const exportCustomerPromotion: Exporter = async (settings, change) => {
  const customerId = requiredKey(change.json, 'customerId');
  const promotionId = requiredKey(change.json, 'promotionId');
  const productId =
    typeof change.json.productId === 'string' ? change.json.productId : DEFAULT_PRODUCT_ID;

  if (change.action === 'Deleted') {
    const { call, json } = await send(settings, 'DELETE', AMBERFLO_PATHS.customerPromotions, {
      query: { CustomerId: customerId, PromotionId: promotionId },
      accept: [404],
    });
    return decidedBy(call, relationIdOf(asObject(json)), null);
  }

  const list = await send(settings, 'GET', AMBERFLO_PATHS.customerPromotionsList, {
    query: { CustomerId: customerId, ProductId: productId },
    needsJson: true,
  });
  if (!Array.isArray(list.json)) {
    throw new ExportFailure(
      `${list.call.method} ${list.call.url} answered something other than a list: ${list.call.body.slice(0, 300)}`,
      'backoff',
      list.call.requestLog,
      null,
    );
  }
  const applied = list.json.map(asObject).find((item) => item.promotionId === promotionId);
  if (applied !== undefined) return decidedBy(list.call, relationIdOf(applied), applied);

  const apply = await send(settings, 'POST', AMBERFLO_PATHS.customerPromotions, {
    body: change.json,
    needsJson: true,
  });
  const answer = asObject(apply.json);
  return decidedBy(apply.call, relationIdOf(answer), answer);
};

function relationIdOf(json: AmberfloJson): string | null {
  return MAPPINGS.CustomerPromotion.externalId(json) ?? null;
}
