import { afterEach, describe, expect, it } from 'vitest';
import { retryEvents, RetryRefused } from '../../aflo/events/manual-retry.ts';
import { aflo, closeAll, count, type AfloHarness } from '../support/aflo-harness.ts';

afterEach(closeAll);

const PROMOTIONS = '/payments/pricing/amberflo/account-pricing/promotions/list';

/** A sync whose promotions failed to download: its 100 customer promotions failed for good. */
async function orgWithFailedEvents(): Promise<AfloHarness> {
  const h = await aflo();
  h.fake.faults.add({ method: 'GET', path: PROMOTIONS, status: 500, body: 'down', count: 1 });
  await h.sync();
  await h.sync();
  return h;
}

describe('manual retry', () => {
  it('processes Failed events that have used all their attempts once the cause is gone', async () => {
    const h = await orgWithFailedEvents();
    const failed = "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Failed'";
    expect(count(h.org, failed)).toBe(100);

    const retried = await h.org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
      retryEvents(undefined),
    );
    await h.org.drain({ delayed: 'wait' });

    expect(retried).toBe(100);
    expect(count(h.org, failed)).toBe(0);
    expect(
      count(
        h.org,
        "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Attempts__c = 4 AND AFLO__Status__c = 'Processed'",
      ),
    ).toBe(100);
  });

  it('refuses an unknown event or one that is not Failed, and changes nothing', async () => {
    const h = await orgWithFailedEvents();
    const [processed] = h.org.query(
      "SELECT Name FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Processed' LIMIT 1",
    ).records;
    const [failed] = h.org.query(
      "SELECT Name FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Failed' LIMIT 1",
    ).records;
    const retry = (ids: string[]) =>
      h.org.run({ kind: 'anonymous', allowsCallouts: false }, () => retryEvents(ids));

    await expect(retry([String(failed?.Name), 'AE-9999999'])).rejects.toThrow(
      new RetryRefused('no async event AE-9999999'),
    );
    await expect(retry([String(processed?.Name)])).rejects.toThrow(RetryRefused);
    expect(
      count(
        h.org,
        "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Failed' AND AFLO__NextAttemptAt__c != null",
      ),
    ).toBe(0);
  });
});
