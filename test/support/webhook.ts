/**
 * Calling the AFLO webhook endpoint as Amberflo does: on the org's public site, without a
 * session, with the `Token` header; and reading what it wrote.
 */
import type { Org } from '../../emulator/org.ts';
import type { RestServer } from './rest-server.ts';

export const SITE_WEBHOOK_PATH = '/amberflo/services/apexrest/AFLO/webhook';

/** The webhook token install wrote into the package settings. */
export function webhookToken(org: Org): string {
  const [settings] = org.query('SELECT AFLO__WebhookToken__c FROM AFLO__Settings__c').records;
  return String(settings?.AFLO__WebhookToken__c ?? '');
}

/** POSTs `body` (JSON unless it is already a string) to the site endpoint. */
export async function postWebhook(
  server: RestServer,
  body: unknown,
  options: { token?: string | null } = {},
): Promise<{ status: number; json: unknown }> {
  const token = options.token === undefined ? webhookToken(server.org) : options.token;
  const response = await fetch(`${server.url}${SITE_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { Token: token }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** How many async events the org holds (`where` is a SOQL condition). */
export function eventCount(org: Org, where = 'Id != null'): number {
  return org.query(`SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE ${where}`).totalSize;
}
