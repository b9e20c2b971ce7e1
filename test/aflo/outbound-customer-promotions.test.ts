import { afterEach, describe, expect, it } from 'vitest';
import { Database, sobject } from '../../emulator/apex-api.ts';
import { aflo, closeAll, type AfloHarness } from '../support/aflo-harness.ts';

afterEach(closeAll);

const CP = 'AFLO__CustomerPromotion__c';
const APPLY = '/payments/pricing/amberflo/customer-promotions';

function dml<T>(h: AfloHarness, work: () => T): Promise<T> {
  return h.org.run({ kind: 'anonymous', allowsCallouts: false }, work);
}

/** An org with Acme (exported) and the fixtures' promotion-01 as records. */
async function orgWithParents(): Promise<{
  h: AfloHarness;
  customerId: string;
  promotionId: string;
}> {
  const h = await aflo();
  const [customer, promotion] = await dml(h, () => [
    ...Database.insert([
      sobject('AFLO__Customer__c', { Name: 'Acme', AFLO__CustomerId__c: 'acme' }),
    ]),
    ...Database.insert([
      sobject('AFLO__Promotion__c', { Name: 'Promotion 1', AFLO__PromotionId__c: 'promotion-01' }),
    ]),
  ]);
  await h.org.drain({ delayed: 'wait' });
  return { h, customerId: String(customer?.id), promotionId: String(promotion?.id) };
}

function appliedTo(h: AfloHarness, customerId: string) {
  return [...h.fake.state.customerPromotions.values()].filter((cp) => cp.customerId === customerId);
}

describe('outbound export of customer promotions', () => {
  it('applies a promotion chosen by lookup and writes Amberflo’s relation id back', async () => {
    const { h, customerId, promotionId } = await orgWithParents();

    const [result] = await dml(h, () =>
      Database.insert([
        sobject(CP, { AFLO__Customer__c: customerId, AFLO__Promotion__c: promotionId }),
      ]),
    );
    await h.org.drain({ delayed: 'wait' });

    const [applied] = appliedTo(h, 'acme');
    expect(applied?.promotionId).toBe('promotion-01');
    const [record] = h.org.query(
      `SELECT AFLO__CustomerId__c, AFLO__PromotionId__c, AFLO__RelationId__c FROM ${CP} WHERE Id = '${String(result?.id)}'`,
    ).records;
    expect(record).toMatchObject({
      AFLO__CustomerId__c: 'acme',
      AFLO__PromotionId__c: 'promotion-01',
      AFLO__RelationId__c: applied?.relationId,
    });
    const cpEvents = h.org.query(
      "SELECT AFLO__Status__c, AFLO__ExternalId__c FROM AFLO__AsyncEvent__c WHERE AFLO__ObjectType__c = 'CustomerPromotion'",
    ).records;
    expect(cpEvents).toEqual([
      expect.objectContaining({
        AFLO__Status__c: 'Processed',
        AFLO__ExternalId__c: applied?.relationId,
      }),
    ]);
  });

  it('refuses a customer promotion that names no customer, with a field error', async () => {
    const { h, promotionId } = await orgWithParents();

    const [result] = await dml(h, () =>
      Database.insert([sobject(CP, { AFLO__Promotion__c: promotionId })], false),
    );

    expect(result?.success).toBe(false);
    expect(result?.errors[0]).toMatchObject({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      fields: ['AFLO__Customer__c'],
    });
  });

  it('never applies a promotion twice when the answer to an apply was lost', async () => {
    const { h, customerId, promotionId } = await orgWithParents();
    h.org.overrides.set('AFLO.calloutTimeoutMs', '200');
    h.fake.faults.add({ method: 'POST', path: APPLY, kind: 'reset', phase: 'after', count: 1 });

    await dml(h, () =>
      Database.insert([
        sobject(CP, { AFLO__Customer__c: customerId, AFLO__Promotion__c: promotionId }),
      ]),
    );
    await h.org.drain({ delayed: 'wait' });

    expect(appliedTo(h, 'acme')).toHaveLength(1);
    const posts = h.fake.state.requests.filter((r) => r.method === 'POST' && r.path === APPLY);
    expect(posts).toHaveLength(1);
    const [event] = h.org.query(
      "SELECT AFLO__Status__c, AFLO__Attempts__c FROM AFLO__AsyncEvent__c WHERE AFLO__ObjectType__c = 'CustomerPromotion'",
    ).records;
    expect(event).toMatchObject({ AFLO__Status__c: 'Processed', AFLO__Attempts__c: 2 });
  });

  it('removes the applied promotion when the record is deleted, and moves it when its promotion changes', async () => {
    const { h, customerId, promotionId } = await orgWithParents();
    const [result] = await dml(h, () =>
      Database.insert([
        sobject(CP, { AFLO__Customer__c: customerId, AFLO__Promotion__c: promotionId }),
      ]),
    );
    await h.org.drain({ delayed: 'wait' });
    const id = String(result?.id);

    await dml(h, () =>
      Database.update([sobject(CP, { Id: id, AFLO__PromotionId__c: 'promotion-02' })]),
    );
    await h.org.drain({ delayed: 'wait' });
    expect(appliedTo(h, 'acme').map((cp) => cp.promotionId)).toEqual(['promotion-02']);

    await dml(h, () => Database.delete(CP, [id]));
    await h.org.drain({ delayed: 'wait' });
    expect(appliedTo(h, 'acme')).toEqual([]);
    const removals = h.fake.state.requests.filter((r) => r.method === 'DELETE' && r.path === APPLY);
    expect(removals.map((r) => r.query)).toEqual([
      { CustomerId: 'acme', PromotionId: 'promotion-01' },
      { CustomerId: 'acme', PromotionId: 'promotion-02' },
    ]);
  });
});
