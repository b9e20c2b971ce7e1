/**
 * The outbound export measured against plain HTTP: N AFLO records inserted in one DML are drained
 * through their chains, with real callouts to a fake Amberflo on loopback, and the same requests
 * (same methods, paths, headers and bodies) are then sent by a bare sequential fetch loop to a
 * fresh fake. Both give exports per second; their ratio is the chain's overhead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afloPackage } from '../../aflo/package.ts';
import { Database, sobject, type SObjectRecord } from '../../emulator/apex-api.ts';
import { VirtualClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import { DEFAULT_API_KEY, startFakeAmberflo } from '../../fixtures/amberflo/index.ts';

const EMPTY = { customers: [], promotions: [], customerPromotions: [], productItems: [] };
const ACCOUNT_PRICING = '/payments/pricing/amberflo/account-pricing';

/** The records of one bench case, and the requests their export makes, in order. */
interface BenchCase {
  records: SObjectRecord[];
  requests: Array<{ method: string; path: string; body?: unknown }>;
}

/** N promotions: one POST each. */
export function promotionsCase(n: number, offset = 0): BenchCase {
  const ids = Array.from({ length: n }, (_, i) => `bench-promotion-${offset + i}`);
  return {
    records: ids.map((id) =>
      sobject('AFLO__Promotion__c', { Name: id, AFLO__PromotionId__c: id, AFLO__Discount__c: 5 }),
    ),
    requests: ids.map((id) => ({
      method: 'POST',
      path: `${ACCOUNT_PRICING}/promotions`,
      body: { id, promotionName: id, discount: 5 },
    })),
  };
}

/** N product items: one POST each. */
export function productItemsCase(n: number): BenchCase {
  const ids = Array.from({ length: n }, (_, i) => `bench-item-${i}`);
  return {
    records: ids.map((id) =>
      sobject('AFLO__ProductItem__c', {
        Name: id,
        AFLO__ProductItemId__c: id,
        AFLO__MeterApiName__c: `${id}-meter`,
      }),
    ),
    requests: ids.map((id) => ({
      method: 'POST',
      path: `${ACCOUNT_PRICING}/product-items`,
      body: { id, productItemName: id, meterApiName: `${id}-meter` },
    })),
  };
}

/** N customers: a lookup and a POST each. */
export function customersCase(n: number): BenchCase {
  const ids = Array.from({ length: n }, (_, i) => `bench-customer-${i}`);
  return {
    records: ids.map((id) => sobject('AFLO__Customer__c', { Name: id, AFLO__CustomerId__c: id })),
    requests: ids.flatMap((id) => [
      { method: 'GET', path: `/customers?customerId=${id}` },
      {
        method: 'POST',
        path: '/customers',
        body: { customerId: id, customerName: id, enabled: true },
      },
    ]),
  };
}

/** Exports per second of the org draining the cases' records, all inserted at once. */
export async function drainOutboundRate(cases: readonly BenchCase[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'aflo-emu-bench-outbound-'));
  const fake = await startFakeAmberflo({ data: EMPTY });
  const org = await Org.open({
    db: join(dir, 'org.db'),
    clock: new VirtualClock('2026-03-01T00:00:00Z'),
    packages: [afloPackage()],
  });
  try {
    org.overrides.set('AFLO.baseUrl', fake.url);
    org.overrides.set('AFLO.apiKey', DEFAULT_API_KEY);
    await org.run({ kind: 'anonymous', allowsCallouts: false }, () => {
      for (const { records } of cases) Database.insert(records);
    });

    const started = performance.now();
    const report = await org.drain();
    const seconds = (performance.now() - started) / 1000;

    const total = cases.reduce((sum, c) => sum + c.records.length, 0);
    const processed = org.query(
      "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Processed'",
    ).totalSize;
    if (processed !== total || report.failed > 0) {
      throw new Error(`expected ${total} processed events, got ${processed}`);
    }
    return total / seconds;
  } finally {
    org.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Exports per second of a bare fetch loop sending the same requests one after another. */
export async function rawHttpRate(cases: readonly BenchCase[]): Promise<number> {
  const fake = await startFakeAmberflo({ data: EMPTY });
  try {
    const requests = cases.flatMap((c) => c.requests);
    const started = performance.now();
    for (const request of requests) {
      const response = await fetch(`${fake.url}${request.path}`, {
        method: request.method,
        headers: {
          'X-API-KEY': DEFAULT_API_KEY,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      await response.text();
      if (!response.ok) throw new Error(`${request.method} ${request.path}: ${response.status}`);
    }
    const seconds = (performance.now() - started) / 1000;
    return cases.reduce((sum, c) => sum + c.records.length, 0) / seconds;
  } finally {
    await fake.close();
  }
}
