/** `aflo-emu serve --webhooks`: the fake subscribed to the org, and the daily sync turned off. */
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_API_KEY } from '../../fixtures/amberflo/index.ts';
import { startOrgServer } from '../../cli/org-server.ts';
import { removeTempFolders, tempFolder } from '../support/cli-harness.ts';
import { nextEvent } from '../support/org-event.ts';

afterEach(removeTempFolders);

describe('aflo-emu serve --webhooks', () => {
  it('subscribes the fake to the webhook, turns the daily sync off, and imports a change made in Amberflo', async () => {
    const server = await startOrgServer(
      { db: join(tempFolder(), 'org.db') },
      { port: 0, host: '127.0.0.1', sitePrefix: '/amberflo', webhooks: true },
    );
    onTestFinished(() => server.stop());

    const subscriptions = (await (
      await fetch(`${server.amberfloUrl}/webhook`, { headers: { 'x-api-key': DEFAULT_API_KEY } })
    ).json()) as Array<{ destinationUrl: string }>;
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(subscriptions.every((s) => s.destinationUrl === server.webhookUrl)).toBe(true);
    const settings = server.org.query('SELECT AFLO__DailySync__c FROM AFLO__Settings__c').records;
    expect(settings[0]?.AFLO__DailySync__c).toBe(false);

    const applied = nextEvent(
      server.org,
      'job:finished',
      (event) => event.className === 'AFLO.AsyncEventQueueable',
    );
    const change = await fetch(`${server.amberfloUrl}/__admin/customers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'from-amberflo', customerName: 'Made in Amberflo' }),
    });
    expect(change.status).toBe(200);
    await applied;

    const [customer] = server.org.query(
      "SELECT Name FROM AFLO__Customer__c WHERE AFLO__CustomerId__c = 'from-amberflo'",
    ).records;
    expect(customer?.Name).toBe('Made in Amberflo');
  });
});
