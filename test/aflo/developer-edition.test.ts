/**
 * The AFLO chains in a Developer edition org, where a queueable stack stops at depth 5: every
 * chain and the customer download restart from a new stack through a finalizer, and drain every
 * event (docs/async-events.md, "Stack depth").
 */
import { afterEach, describe, expect, it } from 'vitest';

import { Database, sobject } from '../../emulator/apex-api.ts';
import { generateFixtures } from '../../fixtures/amberflo/index.ts';
import { aflo, closeAll, count, type AfloHarness } from '../support/aflo-harness.ts';
import { startServer } from '../support/loopback-server.ts';

afterEach(closeAll);

function jobsNotCompleted(h: AfloHarness): Array<Record<string, unknown>> {
  return h.org
    .query(
      "SELECT ApexClass.Name, Status, ExtendedStatus FROM AsyncApexJob WHERE Status != 'Completed'",
    )
    .records.map((job) => ({ ...job }));
}

/** An Amberflo with `pages` pages of one customer each, and nothing else. */
async function pagedAmberflo(pages: number): Promise<string> {
  const server = await startServer((request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = Number(url.searchParams.get('page') ?? 1);
    const body = url.pathname.startsWith('/customers/paging')
      ? {
          items: page <= pages ? [{ customerId: `c-${page}`, customerName: `Page ${page}` }] : [],
          metadata: { totalFilteredPages: pages },
        }
      : [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return server.url;
}

describe('AFLO in a Developer edition org', () => {
  it('drains 50 inbound and 50 outbound events, ten times the stack depth each way', async () => {
    const h = await aflo({
      edition: 'developer',
      data: generateFixtures({ customers: 15, promotions: 10, productItems: 10 }),
    });
    expect(h.org.edition.maxQueueableStackDepth).toBe(5);

    await h.sync();
    await h.org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
      Database.insert(
        Array.from({ length: 50 }, (_, i) =>
          sobject('AFLO__Customer__c', { Name: `New ${i}`, AFLO__CustomerId__c: `new-${i}` }),
        ),
      ),
    );
    await h.org.drain({ delayed: 'wait' });

    const byDirection = (direction: string) =>
      count(
        h.org,
        "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Direction__c = :direction AND AFLO__Status__c = 'Processed'",
        { direction },
      );
    expect(byDirection('Inbound')).toBe(50);
    expect(byDirection('Outbound')).toBe(50);
    expect(
      count(h.org, "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c != 'Processed'"),
    ).toBe(0);
    expect(jobsNotCompleted(h)).toEqual([]);
    // One chain job per event, as in production: a restart replaces the chained enqueue.
    expect(
      count(h.org, "SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'AsyncEventQueueable'"),
    ).toBe(100);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__CustomerPromotion__c')).toBe(15);
    for (let i = 0; i < 50; i++) expect(h.fake.state.customers.has(`new-${i}`)).toBe(true);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__ActiveChain__c')).toBe(0);
  });

  it('pages through more customer pages than the stack depth allows', async () => {
    const h = await aflo({ edition: 'developer' });
    h.org.overrides.set('AFLO.baseUrl', await pagedAmberflo(12));

    await h.sync();

    expect(
      count(
        h.org,
        "SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'CustomerDownloadQueueable'",
      ),
    ).toBe(12);
    expect(jobsNotCompleted(h)).toEqual([]);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(12);
  });
});
