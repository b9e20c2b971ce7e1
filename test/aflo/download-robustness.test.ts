import { afterEach, describe, expect, it } from 'vitest';
import { aflo, closeAll, count } from '../support/aflo-harness.ts';
import { startServer } from '../support/loopback-server.ts';

afterEach(closeAll);

/** An Amberflo that claims a million pages of customers but has none. */
async function lyingAmberflo(): Promise<string> {
  const server = await startServer((request, _body, response) => {
    const body = request.url?.startsWith('/customers/paging')
      ? { items: [], metadata: { totalFilteredPages: 1_000_000 } }
      : [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return server.url;
}

describe('downloads against a misbehaving Amberflo', () => {
  it('stops paging customers at the first empty page whatever the page count says', async () => {
    const h = await aflo();
    h.org.overrides.set('AFLO.baseUrl', await lyingAmberflo());

    await h.sync();

    expect(
      count(
        h.org,
        "SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'CustomerDownloadQueueable'",
      ),
    ).toBe(1);
    expect(count(h.org, "SELECT COUNT() FROM AsyncApexJob WHERE Status != 'Completed'")).toBe(0);
  });

  it('fails only the event of a record too long for its fields and imports the rest', async () => {
    const h = await aflo();
    const longId = `long-${'x'.repeat(300)}`;
    const created = await fetch(`${h.fake.url}/customers`, {
      method: 'POST',
      headers: { 'X-API-KEY': 'aflo-emu-fake-key', 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: longId, customerName: 'Too Long Ltd' }),
    });
    expect(created.status).toBe(200);

    await h.sync();

    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
    const failed = h.org.query(
      "SELECT AFLO__Error__c, AFLO__Attempts__c FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Failed'",
    ).records;
    expect(failed).toHaveLength(1);
    expect(String(failed[0]?.AFLO__Error__c)).toContain('STRING_TOO_LONG');
    expect(failed[0]?.AFLO__Attempts__c).toBe(3);
    expect(
      count(h.org, "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Processed'"),
    ).toBe(230);
  });
});
