/**
 * Promotions and product items: Amberflo's POST creates or replaces one by `id`, so a retry is
 * harmless. Amberflo has no delete for either (none is documented); a record deleted in
 * Salesforce is deprecated in Amberflo instead (`lockingStatus: "deprecated"`, keys Amberflo
 * holds kept), and one Amberflo does not have (404) needs nothing.
 */
import { AMBERFLO_PATHS } from '../amberflo/paths.ts';
import { asObject, send } from './amberflo-calls.ts';
import { decidedBy, requiredKey, type Exporter } from './export-result.ts';

const DEPRECATED = 'deprecated';

function createOrReplace(path: string, idParameter: string): Exporter {
  return async (settings, change) => {
    const id = requiredKey(change.json, 'id');

    if (change.action !== 'Deleted') {
      const write = await send(settings, 'POST', path, { body: change.json, needsJson: true });
      return decidedBy(write.call, id, asObject(write.json));
    }

    const lookup = await send(settings, 'GET', path, {
      query: { [idParameter]: id },
      accept: [404],
      needsJson: true,
    });
    const current = asObject(lookup.json);
    if (lookup.call.status === 404 || current.lockingStatus === DEPRECATED) {
      return decidedBy(lookup.call, id, null);
    }

    const { lastUpdateTimeInMillis: _serverOwned, ...kept } = current;
    const body = { ...kept, lockingStatus: DEPRECATED };
    const write = await send(settings, 'POST', path, { body, needsJson: true });
    return decidedBy(write.call, id, null);
  };
}

export const exportPromotion = createOrReplace(AMBERFLO_PATHS.promotions, 'id');

export const exportProductItem = createOrReplace(AMBERFLO_PATHS.productItems, 'productItemId');
