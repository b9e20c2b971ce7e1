import { describe, expect, it, onTestFinished } from 'vitest';
import { Database, sobject } from '../../emulator/apex-api.ts';
import {
  DEFAULT_API_KEY,
  startFakeAmberflo,
  subscribeToOrg,
  type RunningFakeAmberflo,
} from '../../fixtures/amberflo/index.ts';
import { startRestServer, type RestServer } from '../support/rest-server.ts';
import { eventCount, SITE_WEBHOOK_PATH, webhookToken } from '../support/webhook.ts';

/** An org on a loopback port and a fake Amberflo subscribed to its site endpoint. */
async function subscribedPair(
  token?: string,
): Promise<{ server: RestServer; amberflo: RunningFakeAmberflo }> {
  const server = await startRestServer();
  const amberflo = await startFakeAmberflo({ webhooks: { retryDelaysMs: [0] } });
  onTestFinished(() => amberflo.close());
  server.org.overrides.set('AFLO.baseUrl', amberflo.url);
  server.org.overrides.set('AFLO.apiKey', DEFAULT_API_KEY);
  await subscribeToOrg(amberflo, {
    url: `${server.url}${SITE_WEBHOOK_PATH}`,
    token: token ?? webhookToken(server.org),
  });
  return { server, amberflo };
}

function adminCall(amberflo: RunningFakeAmberflo, path: string, method: string, body?: object) {
  return fetch(`${amberflo.url}/__admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function customer(server: RestServer, customerId: string) {
  return server.org.query(
    'SELECT Name, AFLO__LifecycleStage__c FROM AFLO__Customer__c WHERE AFLO__CustomerId__c = :customerId',
    { binds: { customerId } },
  ).records[0];
}

describe('Amberflo webhooks into the org', () => {
  it('turns a change made in Amberflo into an inbound event and then a record', async () => {
    const { server, amberflo } = await subscribedPair();

    await adminCall(amberflo, '/customers', 'PUT', {
      customerId: 'ui-1',
      customerName: 'Made in Amberflo',
      lifecycleStage: 'TRIAL',
    });
    await amberflo.webhooks.idle();

    expect(amberflo.webhooks.deliveries).toMatchObject([
      { topic: 'customer.created', status: 'delivered', attempts: [{ status: 200 }] },
    ]);
    expect(
      eventCount(server.org, "AFLO__Direction__c = 'Inbound' AND AFLO__Status__c = 'Pending'"),
    ).toBe(1);

    await server.org.drain();

    expect(customer(server, 'ui-1')).toMatchObject({
      Name: 'Made in Amberflo',
      AFLO__LifecycleStage__c: 'TRIAL',
    });
  });

  it('applies updates and deletions in the order Amberflo made them', async () => {
    const { server, amberflo } = await subscribedPair();

    await adminCall(amberflo, '/promotions', 'PUT', { id: 'p-1', promotionName: 'First' });
    await adminCall(amberflo, '/promotions', 'PUT', { id: 'p-1', promotionName: 'Second' });
    await adminCall(amberflo, '/customers', 'PUT', { customerId: 'gone', customerName: 'Gone' });
    await adminCall(amberflo, '/customers/gone', 'DELETE');
    await amberflo.webhooks.idle();
    await server.org.drain();

    const promotions = server.org.query('SELECT Name FROM AFLO__Promotion__c').records;
    expect(promotions).toMatchObject([{ Name: 'Second' }]);
    expect(customer(server, 'gone')).toBeUndefined();
    expect(eventCount(server.org, "AFLO__Status__c = 'Processed'")).toBe(4);
  });

  it('fails the delivery, writing nothing, when the subscription has the wrong token', async () => {
    const { server, amberflo } = await subscribedPair('not-the-token');

    await adminCall(amberflo, '/customers', 'PUT', { customerId: 'x', customerName: 'X' });
    await amberflo.webhooks.idle();

    expect(amberflo.webhooks.deliveries).toMatchObject([
      { status: 'failed', attempts: [{ status: 401 }, { status: 401 }] },
    ]);
    expect(eventCount(server.org)).toBe(0);
  });

  it('brings an export back as one inbound event that leaves the record as it was', async () => {
    const { server, amberflo } = await subscribedPair();

    await server.org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
      Database.insert([
        sobject('AFLO__Customer__c', { Name: 'From Salesforce', AFLO__CustomerId__c: 'sf-1' }),
      ]),
    );
    await server.org.drain();
    await amberflo.webhooks.idle();
    await server.org.drain();

    expect(amberflo.webhooks.deliveries.map((delivery) => delivery.topic)).toEqual([
      'customer.created',
    ]);
    expect(eventCount(server.org, "AFLO__Direction__c = 'Outbound'")).toBe(1);
    expect(eventCount(server.org, "AFLO__Direction__c = 'Inbound'")).toBe(1);
    expect(eventCount(server.org, "AFLO__Status__c != 'Processed'")).toBe(0);
    expect(customer(server, 'sf-1')).toMatchObject({ Name: 'From Salesforce' });
    expect(amberflo.webhooks.deliveries).toHaveLength(1);
  });
});
