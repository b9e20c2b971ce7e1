import { afterEach, describe, expect, it } from 'vitest';
import { aflo, closeAll, count, type AfloHarness } from '../support/aflo-harness.ts';

afterEach(closeAll);

const TYPES = ['Customer', 'Promotion', 'CustomerPromotion', 'ProductItem'] as const;

function eventCount(
  h: AfloHarness,
  where: string,
  binds: Record<string, string | string[]> = {},
): number {
  return count(h.org, `SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE ${where}`, binds);
}

/** Records, per type, the AsyncEventQueueable jobs running at each moment. */
function watchChains(h: AfloHarness): { maxActivePerType: () => Map<string, number> } {
  const order: Array<{ jobId: string; edge: 'start' | 'end' }> = [];
  h.org.events.on('job:started', ({ jobId, className }) => {
    if (className === 'AFLO.AsyncEventQueueable') order.push({ jobId, edge: 'start' });
  });
  h.org.events.on('job:finished', ({ jobId, className }) => {
    if (className === 'AFLO.AsyncEventQueueable') order.push({ jobId, edge: 'end' });
  });
  return {
    maxActivePerType: () => {
      const typeOfJob = new Map(
        h.org
          .query('SELECT AFLO__JobId__c, AFLO__ObjectType__c FROM AFLO__AsyncEvent__c')
          .records.map((r) => [String(r.AFLO__JobId__c), String(r.AFLO__ObjectType__c)]),
      );
      const active = new Map<string, number>();
      const max = new Map<string, number>();
      for (const { jobId, edge } of order) {
        const type = typeOfJob.get(jobId) ?? 'none';
        const now = (active.get(type) ?? 0) + (edge === 'start' ? 1 : -1);
        active.set(type, now);
        max.set(type, Math.max(max.get(type) ?? 0, now));
      }
      return max;
    },
  };
}

describe('AFLO.DownloadScheduler', () => {
  it('imports every fixture record through one processed inbound event each', async () => {
    const h = await aflo();
    const chains = watchChains(h);

    await h.sync();

    expect(eventCount(h, "AFLO__ObjectType__c IN ('Customer', 'CustomerPromotion')")).toBe(200);
    expect(eventCount(h, "AFLO__Status__c != 'Processed'")).toBe(0);
    expect(eventCount(h, "AFLO__Direction__c = 'Inbound' AND AFLO__Action__c = 'Created'")).toBe(
      230,
    );
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Promotion__c')).toBe(10);
    expect(
      count(
        h.org,
        'SELECT COUNT() FROM AFLO__CustomerPromotion__c WHERE AFLO__Customer__c != null AND AFLO__Promotion__c != null',
      ),
    ).toBe(100);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__ProductItem__c')).toBe(20);
    for (const [type, max] of chains.maxActivePerType())
      expect({ type, max }).toEqual({ type, max: 1 });
  });

  it('leaves one Completed AsyncApexJob row per event', async () => {
    const h = await aflo();

    await h.sync();

    const chainJobs =
      "ApexClass.Name = 'AsyncEventQueueable' AND ApexClass.NamespacePrefix = 'AFLO'";
    expect(count(h.org, `SELECT COUNT() FROM AsyncApexJob WHERE ${chainJobs}`)).toBe(230);
    expect(
      count(h.org, `SELECT COUNT() FROM AsyncApexJob WHERE ${chainJobs} AND Status = 'Completed'`),
    ).toBe(230);
    const jobIds = new Set(
      h.org
        .query('SELECT AFLO__JobId__c FROM AFLO__AsyncEvent__c')
        .records.map((r) => r.AFLO__JobId__c),
    );
    expect(jobIds.size).toBe(230);
    expect(count(h.org, "SELECT COUNT() FROM AsyncApexJob WHERE Status != 'Completed'")).toBe(0);
  });

  it('writes no duplicate record and logs Updated events when it runs twice', async () => {
    const h = await aflo();
    await h.sync();
    const firstRunEvents = new Set(
      h.org.query('SELECT Id FROM AFLO__AsyncEvent__c').records.map((r) => r.Id),
    );

    await h.sync();

    const second = h.org
      .query('SELECT Id, AFLO__Action__c, AFLO__Status__c FROM AFLO__AsyncEvent__c')
      .records.filter((r) => !firstRunEvents.has(r.Id));
    expect(second).toHaveLength(230);
    expect(
      second.every((r) => r.AFLO__Action__c === 'Updated' && r.AFLO__Status__c === 'Processed'),
    ).toBe(true);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__CustomerPromotion__c')).toBe(100);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Promotion__c')).toBe(10);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__ProductItem__c')).toBe(20);
  });

  it('fails the download job and writes none of its events when a list call answers 500', async () => {
    const h = await aflo();
    h.fake.faults.add({
      method: 'GET',
      path: '/payments/pricing/amberflo/account-pricing/promotions/list',
      status: 500,
      body: 'promotions are down',
      count: 1,
    });

    await h.sync();

    const [job] = h.org.query(
      "SELECT Status, NumberOfErrors, ExtendedStatus FROM AsyncApexJob WHERE ApexClass.Name = 'PromotionDownloadQueueable'",
    ).records;
    expect(job?.Status).toBe('Failed');
    expect(job?.NumberOfErrors).toBe(1);
    expect(String(job?.ExtendedStatus)).toContain('500');
    expect(String(job?.ExtendedStatus)).toContain('promotions are down');
    expect(eventCount(h, "AFLO__ObjectType__c = 'Promotion'")).toBe(0);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
  });

  it('loads everything without duplicates when rerun after a failed download', async () => {
    const h = await aflo();
    h.fake.faults.add({
      method: 'GET',
      path: '/payments/pricing/amberflo/account-pricing/promotions/list',
      status: 500,
      body: 'down',
      count: 1,
    });
    await h.sync();

    await h.sync();

    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Promotion__c')).toBe(10);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
    expect(
      count(
        h.org,
        'SELECT COUNT() FROM AFLO__CustomerPromotion__c WHERE AFLO__Promotion__c != null',
      ),
    ).toBe(100);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__ProductItem__c')).toBe(20);
    for (const type of TYPES) {
      expect({
        type,
        unfinished: eventCount(
          h,
          'AFLO__ObjectType__c = :type AND AFLO__NextAttemptAt__c != null',
          { type },
        ),
      }).toEqual({ type, unfinished: 0 });
    }
  });

  it('reports a compile problem with its line and column and writes nothing', async () => {
    const h = await aflo();

    const result = await h.org.runAnonymous(
      'System.debug(1);\n(new AFLO.DownloadSchedulr()).execute(null);',
    );

    expect(result).toMatchObject({ compiled: false, success: false, line: 2 });
    expect(result.column).toBeGreaterThan(0);
    expect(result.compileProblem).toContain('AFLO.DownloadSchedulr');
    expect(count(h.org, 'SELECT COUNT() FROM AsyncApexJob')).toBe(0);
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__AsyncEvent__c')).toBe(0);
  });
});
