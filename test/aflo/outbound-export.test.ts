import { afterEach, describe, expect, it } from 'vitest';
import { Database, Limits, sobject, type SObjectRecord } from '../../emulator/apex-api.ts';
import { TRAITS_MESSAGE } from '../../aflo/triggers/customer-traits-check.ts';
import { DEFAULT_API_KEY } from '../../fixtures/amberflo/index.ts';
import { aflo, closeAll, count, type AfloHarness } from '../support/aflo-harness.ts';

afterEach(closeAll);

const CUSTOMER = 'AFLO__Customer__c';

/** Runs `work` as one transaction of anonymous Apex, as a user's script would. */
function dml<T>(h: AfloHarness, work: () => T): Promise<T> {
  return h.org.run({ kind: 'anonymous', allowsCallouts: false }, work);
}

function customers(n: number, prefix = 'bulk'): SObjectRecord[] {
  return Array.from({ length: n }, (_, i) =>
    sobject(CUSTOMER, { Name: `${prefix} ${i + 1}`, AFLO__CustomerId__c: `${prefix}-${i + 1}` }),
  );
}

async function insertCustomer(h: AfloHarness, customerId: string, name: string): Promise<string> {
  const [result] = await dml(h, () =>
    Database.insert([sobject(CUSTOMER, { Name: name, AFLO__CustomerId__c: customerId })]),
  );
  return String(result?.id);
}

function events(h: AfloHarness, where = '') {
  return h.org.query(
    `SELECT Name, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__Payload__c, AFLO__Request__c, AFLO__Response__c, AFLO__Error__c, AFLO__NextAttemptAt__c, AFLO__ExternalId__c FROM AFLO__AsyncEvent__c ${where} ORDER BY Name`,
  ).records;
}

function requestsTo(h: AfloHarness, method: string, path: string): number {
  return h.fake.state.requests.filter((r) => r.method === method && r.path === path).length;
}

describe('outbound export of customers', () => {
  it('exports 200 customers inserted in one DML: 200 events in one insert, 200 jobs, 200 customers in Amberflo', async () => {
    const h = await aflo();

    const dmlStatements = await dml(h, () => {
      Database.insert(customers(200));
      return Limits.getDmlStatements();
    });
    await h.org.drain({ delayed: 'wait' });

    // The customers, their 200 events in one statement, and the chain's record.
    expect(dmlStatements).toBe(3);
    const outbound = events(h, "WHERE AFLO__Direction__c = 'Outbound'");
    expect(outbound).toHaveLength(200);
    expect(outbound.every((e) => e.AFLO__Action__c === 'Created')).toBe(true);
    expect(outbound.every((e) => e.AFLO__Status__c === 'Processed')).toBe(true);
    expect(
      count(
        h.org,
        "SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'AsyncEventQueueable' AND Status = 'Completed'",
      ),
    ).toBe(200);
    expect(count(h.org, "SELECT COUNT() FROM AsyncApexJob WHERE Status != 'Completed'")).toBe(0);
    for (let i = 1; i <= 200; i++) {
      expect(h.fake.state.customers.get(`bulk-${i}`)?.customerName).toBe(`bulk ${i}`);
    }
    expect(h.fake.state.customers.size).toBe(300);
    const stored = outbound.map(
      (e) => `${String(e.AFLO__Request__c)}${String(e.AFLO__Response__c)}`,
    );
    expect(stored.some((text) => text.includes(DEFAULT_API_KEY))).toBe(false);
    expect(stored.every((text) => text.includes('"X-API-KEY":"********"'))).toBe(true);
  });

  it('looks a new customer up, POSTs it and writes Amberflo’s times back without a second event', async () => {
    const h = await aflo();

    const id = await insertCustomer(h, 'acme', 'Acme');
    await h.org.drain({ delayed: 'wait' });

    const [event] = events(h);
    expect(JSON.parse(String(event?.AFLO__Payload__c))).toEqual({
      customerId: 'acme',
      customerName: 'Acme',
      enabled: true,
    });
    expect(JSON.parse(String(event?.AFLO__Request__c))).toMatchObject({ method: 'POST' });
    expect(JSON.parse(String(event?.AFLO__Response__c))).toMatchObject({ status: 200 });
    expect(event?.AFLO__ExternalId__c).toBe('acme');
    expect(requestsTo(h, 'GET', '/customers')).toBe(1);
    const [record] = h.org.query(
      `SELECT AFLO__CreateTime__c FROM ${CUSTOMER} WHERE Id = '${id}'`,
    ).records;
    expect((record?.AFLO__CreateTime__c as Date).getTime()).toBe(
      h.fake.state.customers.get('acme')?.createTime,
    );
    expect(events(h)).toHaveLength(1);
  });

  it('exports an update of an exported field as a PUT and ignores one that changes nothing Amberflo holds', async () => {
    const h = await aflo();
    const id = await insertCustomer(h, 'acme', 'Acme');
    await h.org.drain({ delayed: 'wait' });

    await dml(h, () =>
      Database.update([
        sobject(CUSTOMER, { Id: id, AFLO__CreateTime__c: new Date('2020-01-01T00:00:00Z') }),
      ]),
    );
    expect(events(h)).toHaveLength(1);

    await dml(h, () => Database.update([sobject(CUSTOMER, { Id: id, Name: 'Acme Corp' })]));
    await h.org.drain({ delayed: 'wait' });

    const updated = events(h, "WHERE AFLO__Action__c = 'Updated'");
    expect(updated).toHaveLength(1);
    expect(updated[0]?.AFLO__Status__c).toBe('Processed');
    expect(JSON.parse(String(updated[0]?.AFLO__Request__c))).toMatchObject({
      method: 'PUT',
      body: { customerId: 'acme', customerName: 'Acme Corp' },
    });
    expect(h.fake.state.customers.get('acme')?.customerName).toBe('Acme Corp');
  });

  it('refuses traits that are not a JSON object of text values on the field, and saves nothing', async () => {
    const h = await aflo();

    const results = await dml(h, () =>
      Database.insert(
        ['{not json', '["EU"]', '{"seats": 5}', '{"region": "EU"}'].map((traits, i) =>
          sobject(CUSTOMER, {
            Name: `t${i}`,
            AFLO__CustomerId__c: `t-${i}`,
            AFLO__Traits__c: traits,
          }),
        ),
        false,
      ),
    );

    expect(results.map((result) => result.success)).toEqual([false, false, false, true]);
    expect(results[0]?.errors[0]).toMatchObject({
      message: TRAITS_MESSAGE,
      fields: ['AFLO__Traits__c'],
    });
    expect(count(h.org, `SELECT COUNT() FROM ${CUSTOMER}`)).toBe(1);
    expect(events(h)).toHaveLength(1);
  });

  it('deletes a deleted customer in Amberflo and creates it again when it is undeleted', async () => {
    const h = await aflo();
    const id = await insertCustomer(h, 'acme', 'Acme');
    await h.org.drain({ delayed: 'wait' });

    await dml(h, () => Database.delete(CUSTOMER, [id]));
    await h.org.drain({ delayed: 'wait' });
    expect(h.fake.state.customers.has('acme')).toBe(false);
    expect(requestsTo(h, 'DELETE', '/customers/acme')).toBe(1);

    await dml(h, () => Database.undelete(CUSTOMER, [id]));
    await h.org.drain({ delayed: 'wait' });
    expect(h.fake.state.customers.get('acme')?.customerName).toBe('Acme');
    expect(
      events(h).map((e) => `${String(e.AFLO__Action__c)} ${String(e.AFLO__Status__c)}`),
    ).toEqual(['Created Processed', 'Deleted Processed', 'Created Processed']);
  });

  it('sends nothing for a customer created and deleted before its first export', async () => {
    const h = await aflo();
    const id = await insertCustomer(h, 'brief', 'Brief Ltd');
    await dml(h, () => Database.delete(CUSTOMER, [id]));

    await h.org.drain({ delayed: 'wait' });

    expect(h.fake.state.customers.has('brief')).toBe(false);
    expect(requestsTo(h, 'POST', '/customers')).toBe(0);
    expect(events(h).map((e) => e.AFLO__Status__c)).toEqual(['Processed', 'Processed']);
  });

  it('writes no outbound event for the records a sync imports', async () => {
    const h = await aflo();

    await h.sync();

    expect(count(h.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
    expect(
      count(h.org, "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Direction__c = 'Outbound'"),
    ).toBe(0);
  });
});

describe('outbound failures and retries', () => {
  it('fails a refused export for good, with Amberflo’s answer kept', async () => {
    const h = await aflo();
    h.fake.faults.add({
      method: 'POST',
      path: '/customers',
      status: 400,
      body: 'Invalid customer',
    });
    await insertCustomer(h, 'odd', 'Odd');

    await h.org.drain({ delayed: 'wait' });

    const [event] = events(h);
    expect(event?.AFLO__Status__c).toBe('Failed');
    expect(event?.AFLO__Attempts__c).toBe(1);
    expect(event?.AFLO__NextAttemptAt__c).toBeNull();
    expect(JSON.parse(String(event?.AFLO__Response__c))).toMatchObject({ status: 400 });
    expect(String(event?.AFLO__Error__c)).toContain('answered 400');
  });

  it('retries a 5xx with backoff on the org clock until it is Processed', async () => {
    const h = await aflo();
    h.fake.faults.add({ method: 'POST', path: '/customers', status: 503, count: 2 });
    await insertCustomer(h, 'acme', 'Acme');
    const started = h.clock.now().getTime();

    await h.org.drain({ delayed: 'wait' });

    const [event] = events(h);
    expect(event?.AFLO__Status__c).toBe('Processed');
    expect(event?.AFLO__Attempts__c).toBe(3);
    // 1 minute after the first try, 2 after the second.
    expect(h.clock.now().getTime() - started).toBeGreaterThanOrEqual(3 * 60_000);
    expect(h.fake.state.customers.has('acme')).toBe(true);
  });

  it('waits as long as a 429 says in Retry-After', async () => {
    const h = await aflo();
    h.fake.faults.add({ path: '/customers', status: 429, retryAfterSeconds: 300, count: 1 });
    await insertCustomer(h, 'acme', 'Acme');
    const started = h.clock.now().getTime();

    await h.org.drain({ delayed: 'stop' });

    const [event] = events(h);
    expect(event?.AFLO__Status__c).toBe('Failed');
    expect((event?.AFLO__NextAttemptAt__c as Date).getTime()).toBe(started + 300_000);
    await h.org.drain({ delayed: 'wait' });
    expect(events(h)[0]?.AFLO__Status__c).toBe('Processed');
  });

  it('applies the events of one record in the order they were written, even across a retry', async () => {
    const h = await aflo();
    h.fake.faults.add({ method: 'POST', path: '/customers', status: 500, count: 1 });
    const id = await insertCustomer(h, 'acme', 'Acme');
    await h.org.drain({ delayed: 'stop' });
    expect(events(h)[0]?.AFLO__Status__c).toBe('Failed');

    await dml(h, () => Database.update([sobject(CUSTOMER, { Id: id, Name: 'Acme 2' })]));
    await insertCustomer(h, 'other', 'Other');
    await h.org.drain({ delayed: 'stop' });

    // The other customer's event is not held back; acme's update waits for acme's create.
    expect(h.fake.state.customers.has('other')).toBe(true);
    expect(h.fake.state.customers.has('acme')).toBe(false);
    await h.org.drain({ delayed: 'wait' });
    const writes = h.fake.state.requests
      .filter(
        (r) => r.method !== 'GET' && (r.body as { customerId?: string }).customerId === 'acme',
      )
      .map((r) => `${r.method} ${r.status ?? ''}`);
    expect(writes).toEqual(['POST 500', 'POST 200', 'PUT 200']);
    expect(h.fake.state.customers.get('acme')?.customerName).toBe('Acme 2');
  });

  it('fails a timed-out export and looks the customer up again before the retry writes', async () => {
    const h = await aflo();
    h.org.overrides.set('AFLO.calloutTimeoutMs', '200');
    h.fake.faults.add({ method: 'GET', path: '/customers', kind: 'timeout', count: 1 });
    await insertCustomer(h, 'acme', 'Acme');

    await h.org.drain({ delayed: 'stop' });
    const [failed] = events(h);
    expect(failed?.AFLO__Status__c).toBe('Failed');
    expect(String(failed?.AFLO__Error__c)).toContain('Read timed out');
    expect(JSON.parse(String(failed?.AFLO__Request__c))).toMatchObject({ method: 'GET' });

    await h.org.drain({ delayed: 'wait' });
    expect(events(h)[0]?.AFLO__Status__c).toBe('Processed');
    expect(requestsTo(h, 'POST', '/customers')).toBe(1);
  });
});

describe('outbound export of the other AFLO objects', () => {
  const PROMOTIONS = '/payments/pricing/amberflo/account-pricing/promotions';
  const ITEMS = '/payments/pricing/amberflo/account-pricing/product-items';

  it('creates a promotion and deprecates it when it is deleted, Amberflo having no delete', async () => {
    const h = await aflo();
    const [result] = await dml(h, () =>
      Database.insert([
        sobject('AFLO__Promotion__c', {
          Name: 'Spring',
          AFLO__PromotionId__c: 'spring',
          AFLO__Discount__c: 10,
        }),
      ]),
    );
    await h.org.drain({ delayed: 'wait' });
    expect(h.fake.state.promotions.get('spring')).toMatchObject({
      promotionName: 'Spring',
      discount: 10,
    });

    await dml(h, () => Database.delete('AFLO__Promotion__c', [String(result?.id)]));
    await h.org.drain({ delayed: 'wait' });

    expect(h.fake.state.promotions.get('spring')?.lockingStatus).toBe('deprecated');
    expect(requestsTo(h, 'POST', PROMOTIONS)).toBe(2);
  });

  it('creates a product item and writes back the product and locking status Amberflo filled in', async () => {
    const h = await aflo();
    const [result] = await dml(h, () =>
      Database.insert([
        sobject('AFLO__ProductItem__c', {
          Name: 'Calls',
          AFLO__ProductItemId__c: 'calls',
          AFLO__MeterApiName__c: 'calls-meter',
        }),
      ]),
    );

    await h.org.drain({ delayed: 'wait' });

    expect(requestsTo(h, 'POST', ITEMS)).toBe(1);
    const [record] = h.org.query(
      `SELECT AFLO__ProductId__c, AFLO__LockingStatus__c FROM AFLO__ProductItem__c WHERE Id = '${String(result?.id)}'`,
    ).records;
    expect(record).toMatchObject({ AFLO__ProductId__c: '1', AFLO__LockingStatus__c: 'open' });
    expect(count(h.org, 'SELECT COUNT() FROM AFLO__AsyncEvent__c')).toBe(1);
  });
});
