import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { Database, sobject } from '../../emulator/apex-api.ts';
import { startRestServer, type RestServer } from '../support/rest-server.ts';
import { eventCount, postWebhook, SITE_WEBHOOK_PATH, webhookToken } from '../support/webhook.ts';

const CUSTOMER = {
  customerId: 'hook-1',
  customerName: 'Hooked Ltd',
  customerEmail: 'billing@hooked.example',
  enabled: true,
  lifecycleStage: 'TRIAL',
  createTime: 1767225600000,
  updateTime: 1767225600000,
};
const PROMOTION = { id: 'hook-promo', promotionName: 'Hook discount', discount: 10 };
const APPLIED = {
  id: 'applied-1',
  relationId: 'relation-1',
  customerId: 'hook-1',
  promotionId: 'hook-promo',
  productId: '1',
  appliedTimeInSeconds: 1767225600,
  priority: 1,
};
const ITEM = { id: 'hook-item', productItemName: 'Hook calls', meterApiName: 'hook-calls' };

function connect(server: RestServer): Connection {
  return new Connection({ instanceUrl: server.url, accessToken: server.token, version: '62.0' });
}

function customerNames(server: RestServer): string[] {
  return server.org
    .query('SELECT Name FROM AFLO__Customer__c ORDER BY Name')
    .records.map((record) => String(record.Name));
}

describe('AFLO.WebhookRestService', () => {
  it('answers apex.get with the welcome string', async () => {
    const server = await startRestServer();

    expect(await connect(server).apex.get('/AFLO/webhook')).toBe('Welcome to the webhook service!');
    const onSite = await fetch(`${server.url}${SITE_WEBHOOK_PATH}`);
    expect(await onSite.text()).toBe('"Welcome to the webhook service!"');
  });

  it('takes apex.post with the Token header and writes one inbound event per change', async () => {
    const server = await startRestServer();

    const summary = await connect(server).apex.post<{ written: number }>(
      '/AFLO/webhook',
      [{ type: 'Customer', action: 'Created', data: CUSTOMER }],
      { headers: { Token: webhookToken(server.org) } },
    );

    expect(summary).toMatchObject({ received: 1, written: 1, duplicates: 0 });
    expect(
      eventCount(
        server.org,
        "AFLO__Direction__c = 'Inbound' AND AFLO__Status__c = 'Pending' AND AFLO__ExternalId__c = 'hook-1'",
      ),
    ).toBe(1);
  });

  it('applies every type of change on the site without a session once the org drains', async () => {
    const server = await startRestServer();

    const { status, json } = await postWebhook(server, [
      { type: 'CustomerPromotion', action: 'Created', data: APPLIED },
      { type: 'customer', action: 'created', data: CUSTOMER },
      { type: 'Promotion', action: 'Created', data: PROMOTION },
      { type: 'ProductItem', action: 'Updated', data: ITEM },
    ]);
    await server.org.drain();

    expect(status).toBe(200);
    expect(json).toMatchObject({ received: 4, written: 4, duplicates: 0 });
    expect((json as { asyncEventIds: string[] }).asyncEventIds).toHaveLength(4);
    expect(eventCount(server.org, "AFLO__Status__c = 'Processed'")).toBe(4);
    expect(customerNames(server)).toEqual(['Hooked Ltd']);
    const [applied] = server.org.query(
      'SELECT AFLO__Customer__r.Name, AFLO__Promotion__r.Name FROM AFLO__CustomerPromotion__c',
    ).records;
    expect(applied).toMatchObject({
      AFLO__Customer__r: { Name: 'Hooked Ltd' },
      AFLO__Promotion__r: { Name: 'Hook discount' },
    });
    expect(server.org.query('SELECT COUNT() FROM AFLO__ProductItem__c').totalSize).toBe(1);
  });

  it('records the delivering request on the event with the token masked', async () => {
    const server = await startRestServer();

    await postWebhook(server, [{ type: 'Customer', action: 'Created', data: CUSTOMER }]);

    const [event] = server.org.query('SELECT AFLO__Request__c FROM AFLO__AsyncEvent__c').records;
    const request = JSON.parse(String(event?.AFLO__Request__c)) as Record<string, unknown>;
    expect(request).toMatchObject({
      method: 'POST',
      url: '/AFLO/webhook',
      headers: { token: '********', 'content-type': 'application/json' },
      body: { type: 'Customer', data: { customerId: 'hook-1' } },
    });
    expect(String(event?.AFLO__Request__c)).not.toContain(webhookToken(server.org));
  });

  it('deletes the record for a Deleted change', async () => {
    const server = await startRestServer();
    await postWebhook(server, [{ type: 'Customer', action: 'Created', data: CUSTOMER }]);
    await server.org.drain();

    await postWebhook(server, [
      { type: 'Customer', action: 'Deleted', data: { customerId: 'hook-1' } },
    ]);
    await server.org.drain();

    expect(customerNames(server)).toEqual([]);
  });

  it('refuses a missing or wrong token with 401 and writes nothing', async () => {
    const server = await startRestServer();
    const body = [{ type: 'Customer', action: 'Created', data: CUSTOMER }];

    const missing = await postWebhook(server, body, { token: null });
    const wrong = await postWebhook(server, body, { token: `${webhookToken(server.org)}x` });

    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject([{ errorCode: 'INVALID_WEBHOOK_TOKEN' }]);
    expect(eventCount(server.org)).toBe(0);
  });

  it('refuses everything while no token is set', async () => {
    const server = await startRestServer();
    await server.org.run({ kind: 'system', allowsCallouts: false }, () => {
      const [settings] = Database.query('SELECT Id FROM AFLO__Settings__c');
      Database.update([
        sobject('AFLO__Settings__c', { Id: String(settings?.Id), AFLO__WebhookToken__c: null }),
      ]);
    });

    const { status, json } = await postWebhook(
      server,
      [{ type: 'Customer', action: 'Created', data: CUSTOMER }],
      { token: '' },
    );

    expect(status).toBe(401);
    expect(json).toMatchObject([{ errorCode: 'WEBHOOK_TOKEN_NOT_SET' }]);
    expect(eventCount(server.org)).toBe(0);
  });

  it('refuses a body with a malformed element with 400 naming it, and writes nothing', async () => {
    const server = await startRestServer();

    const { status, json } = await postWebhook(server, [
      { type: 'Customer', action: 'Created', data: CUSTOMER },
      { type: 'Customer', action: 'Created', data: { customerId: 'no-name' } },
      { type: 'Invoice', action: 'Created', data: {} },
      { topic: 'customer.updated', eventId: 'e-1', data: CUSTOMER },
      'text',
    ]);

    expect(status).toBe(400);
    const [error] = json as Array<{ errorCode: string; message: string }>;
    expect(error?.errorCode).toBe('INVALID_WEBHOOK_CHANGE');
    expect(error?.message).toContain('element [1]: data.customerName is missing');
    expect(error?.message).toContain('element [2]: type must be one of Customer');
    expect(error?.message).toContain('element [3]: eventTime is required');
    expect(error?.message).toContain('element [4]: must be a JSON object');
    expect(error?.message).not.toContain('element [0]');
    expect(eventCount(server.org)).toBe(0);
  });

  it('refuses a body that is not JSON with 400 JSON_PARSER_ERROR', async () => {
    const server = await startRestServer();

    const { status, json } = await postWebhook(server, '[{"type": ');

    expect(status).toBe(400);
    expect(json).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
  });

  it('refuses a change nested too deeply to read with 400, and writes nothing', async () => {
    const server = await startRestServer();
    const depth = 10_000;
    const data = `{"customerId":"x","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

    const { status, json } = await postWebhook(
      server,
      `[{"type":"Customer","action":"Deleted","data":${data}}]`,
    );

    expect(status).toBe(400);
    expect(json).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    expect(eventCount(server.org)).toBe(0);
  });

  it('takes Amberflo delivery envelopes, alone or in an array', async () => {
    const server = await startRestServer();
    const envelope = (eventId: string, data: object) => ({
      topic: 'customer.updated',
      eventTime: 1767225600000,
      eventId,
      data,
    });

    const single = await postWebhook(server, envelope('e-1', CUSTOMER));
    const array = await postWebhook(server, [
      envelope('e-2', { ...CUSTOMER, customerName: 'Hooked Again' }),
    ]);
    await server.org.drain();

    expect(single.json).toMatchObject({ received: 1, written: 1 });
    expect(array.json).toMatchObject({ received: 1, written: 1 });
    expect(eventCount(server.org, "AFLO__Action__c = 'Updated'")).toBe(2);
    expect(customerNames(server)).toEqual(['Hooked Again']);
  });

  it('applies a repeated eventId once, across requests and within one', async () => {
    const server = await startRestServer();
    const change = { type: 'Customer', action: 'Created', data: CUSTOMER, eventId: 'once' };

    const first = await postWebhook(server, [change, change]);
    const again = await postWebhook(server, [change]);
    await server.org.drain();

    expect(first.json).toMatchObject({ received: 2, written: 1, duplicates: 1 });
    expect(again.json).toMatchObject({ received: 1, written: 0, duplicates: 1 });
    expect(eventCount(server.org)).toBe(1);
    expect(eventCount(server.org, "AFLO__WebhookEventId__c = 'customer.created/once'")).toBe(1);
  });

  it('keeps eventIds apart by topic', async () => {
    const server = await startRestServer();

    const { json } = await postWebhook(server, [
      { type: 'Customer', action: 'Created', data: CUSTOMER, eventId: '7' },
      { type: 'Customer', action: 'Updated', data: CUSTOMER, eventId: 7 },
    ]);

    expect(json).toMatchObject({ written: 2, duplicates: 0 });
  });

  it('refuses a body over 1 MB with 413 and writes nothing', async () => {
    const server = await startRestServer();
    const big = [
      { type: 'Customer', action: 'Created', data: { ...CUSTOMER, notes: 'x'.repeat(1_100_000) } },
    ];

    const { status, json } = await postWebhook(server, big);

    expect(status).toBe(413);
    expect(json).toMatchObject([{ errorCode: 'REQUEST_ENTITY_TOO_LARGE' }]);
    expect(eventCount(server.org)).toBe(0);
  });

  it('refuses more than 1000 changes with 413', async () => {
    const server = await startRestServer();
    const many = Array.from({ length: 1001 }, (_, i) => ({
      type: 'Customer',
      action: 'Created',
      data: { customerId: `c-${i}`, customerName: `C ${i}` },
    }));

    const { status } = await postWebhook(server, many);

    expect(status).toBe(413);
    expect(eventCount(server.org)).toBe(0);
  });

  it('answers an empty array with nothing written', async () => {
    const server = await startRestServer();

    const { status, json } = await postWebhook(server, []);

    expect(status).toBe(200);
    expect(json).toEqual({ received: 0, written: 0, duplicates: 0, asyncEventIds: [] });
  });
});
