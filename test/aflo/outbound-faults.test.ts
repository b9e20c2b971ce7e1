import { afterEach, describe, expect, it } from 'vitest';
import { Database, sobject } from '../../emulator/apex-api.ts';
import { aflo, closeAll, count } from '../support/aflo-harness.ts';

afterEach(closeAll);

const CUSTOMERS = 250;

describe('outbound export against an unreliable Amberflo', () => {
  it('leaves nothing Pending and nothing duplicated after 500 changes with 30% of calls failing', async () => {
    const h = await aflo();
    h.org.overrides.set('AFLO.calloutTimeoutMs', '200');
    // About 30% of calls in all: refused, answered but lost, or answered with broken JSON.
    h.fake.faults.add({ rate: 0.1, status: 503 });
    h.fake.faults.add({ rate: 0.111, kind: 'reset', phase: 'after' });
    h.fake.faults.add({ rate: 0.125, kind: 'malformed-json', phase: 'after' });

    const ids = await h.org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
      Database.insert(
        Array.from({ length: CUSTOMERS }, (_, i) =>
          sobject('AFLO__Customer__c', { Name: `c ${i}`, AFLO__CustomerId__c: `c-${i}` }),
        ),
      ).map((result) => String(result.id)),
    );
    await h.org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
      Database.update(
        ids.map((Id, i) => sobject('AFLO__Customer__c', { Id, Name: `renamed ${i}` })),
      ),
    );
    await h.org.drain({ delayed: 'wait' });

    const events = h.org.query(
      'SELECT AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__Error__c, AFLO__Request__c, AFLO__NextAttemptAt__c, AFLO__ExternalId__c FROM AFLO__AsyncEvent__c',
    ).records;
    expect(events).toHaveLength(2 * CUSTOMERS);
    expect(events.filter((e) => e.AFLO__Status__c === 'Pending')).toEqual([]);
    expect(events.filter((e) => e.AFLO__NextAttemptAt__c !== null)).toEqual([]);
    const failed = events.filter((e) => e.AFLO__Status__c === 'Failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const event of failed) {
      expect(event.AFLO__Attempts__c).toBe(3);
      expect(event.AFLO__Error__c).not.toBeNull();
      expect(event.AFLO__Request__c).not.toBeNull();
    }

    // A second create of one customer would be a 400 "already exists".
    const creates = h.fake.state.requests.filter((r) => r.method === 'POST');
    expect(creates.filter((r) => r.status === 400)).toEqual([]);
    const renamed = events.filter(
      (e) => e.AFLO__Action__c === 'Updated' && e.AFLO__Status__c === 'Processed',
    );
    for (const event of renamed) {
      const i = String(event.AFLO__ExternalId__c).slice('c-'.length);
      expect(h.fake.state.customers.get(`c-${i}`)?.customerName).toBe(`renamed ${i}`);
    }
    expect(count(h.org, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'")).toBe(0);
  });
});
