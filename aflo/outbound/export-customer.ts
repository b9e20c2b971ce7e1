/**
 * Customers: the SDKs' upsert, a lookup by `customerId` and then POST (create) or PUT (full
 * replace). A retry after a lost answer finds the customer and replaces it, so it never creates
 * a second one. A delete of a customer Amberflo no longer has (404) is done already.
 */
import { AMBERFLO_PATHS } from '../amberflo/paths.ts';
import { asObject, send } from './amberflo-calls.ts';
import { decidedBy, requiredKey, type Exporter } from './export-result.ts';

export const exportCustomer: Exporter = async (settings, change) => {
  const customerId = requiredKey(change.json, 'customerId');

  if (change.action === 'Deleted') {
    const path = `${AMBERFLO_PATHS.customers}/${encodeURIComponent(customerId)}`;
    const { call } = await send(settings, 'DELETE', path, { accept: [404] });
    return decidedBy(call, customerId, null);
  }

  const lookup = await send(settings, 'GET', AMBERFLO_PATHS.customers, {
    query: { customerId },
    needsJson: true,
  });
  // Amberflo answers a lookup of an unknown customer with 200 and `{}`.
  const exists = typeof asObject(lookup.json).customerId === 'string';

  const write = await send(settings, exists ? 'PUT' : 'POST', AMBERFLO_PATHS.customers, {
    body: change.json,
    needsJson: true,
  });
  return decidedBy(write.call, customerId, asObject(write.json));
};
