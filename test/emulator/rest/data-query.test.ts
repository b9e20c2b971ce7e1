/** query, queryMore and queryAll through the real jsforce, and the paging jsforce hides. */
import { describe, expect, it } from 'vitest';
import { Database, sobject } from '../../../emulator/apex-api.ts';
import type { VirtualClock } from '../../../emulator/clock.ts';
import type { Org } from '../../../emulator/org.ts';
import { CURSOR_IDLE_MS } from '../../../emulator/rest/query-cursors.ts';
import { connect, rejection } from '../../support/jsforce-connection.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';
import { openTestOrg } from '../../support/test-org.ts';

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<{ Name: string }>;
}

/** A REST server on an org of demo widgets `w-0001` … (no triggers, so seeding is fast). */
async function widgetServer(count: number): Promise<RestServer> {
  return (await widgetOrgServer(count)).server;
}

async function widgetOrgServer(
  count: number,
): Promise<{ server: RestServer; clock: VirtualClock }> {
  const { org, clock } = await openTestOrg({ packages: [demoPackage()] });
  await seedWidgets(org, count);
  return { server: await startRestServer({ org }), clock };
}

async function seedWidgets(org: Org, count: number): Promise<void> {
  await org.run({ kind: 'system', allowsCallouts: false }, () => {
    for (let start = 0; start < count; start += 200) {
      const chunk = Array.from({ length: Math.min(200, count - start) }, (_, i) =>
        sobject(WIDGET, { Name: `w-${String(start + i + 1).padStart(4, '0')}` }),
      );
      Database.insert(chunk);
    }
  });
}

async function getJson<T>(server: RestServer, path: string, headers = {}): Promise<T> {
  const response = await server.call(path, { headers });
  return (await response.json()) as T;
}

const soql = (text: string) => `/services/data/v62.0/query?q=${encodeURIComponent(text)}`;

describe('query', () => {
  it('conn.query returns the records with attributes, parents nested', async () => {
    const server = await startRestServer();
    const conn = connect(server);
    const customer = await conn
      .sobject('AFLO__Customer__c')
      .create({ Name: 'Acme', AFLO__CustomerId__c: 'acme' });
    const promotion = await conn
      .sobject('AFLO__Promotion__c')
      .create({ Name: 'Spring', AFLO__PromotionId__c: 'spring' });
    await conn.sobject('AFLO__CustomerPromotion__c').create({
      AFLO__Customer__c: customer.id,
      AFLO__Promotion__c: promotion.id,
      AFLO__RelationId__c: 'r-1',
    });

    const result = await conn.query(
      'SELECT Name, AFLO__Customer__r.Name, AFLO__Customer__r.AFLO__CustomerEmail__c FROM AFLO__CustomerPromotion__c',
    );

    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'AFLO__CustomerPromotion__c',
            url: expect.stringMatching(
              /^\/services\/data\/v62\.0\/sobjects\/AFLO__CustomerPromotion__c\/\w{18}$/,
            ),
          },
          Name: 'CP-0000001',
          AFLO__Customer__r: {
            attributes: {
              type: 'AFLO__Customer__c',
              url: `/services/data/v62.0/sobjects/AFLO__Customer__c/${customer.id}`,
            },
            Name: 'Acme',
            AFLO__CustomerEmail__c: null,
          },
        },
      ],
    });
  });

  it('conn.query returns the first 2,000 of 5,000 rows, the full totalSize and a locator', async () => {
    const server = await widgetServer(5000);

    const result = await connect(server).query(`SELECT Name FROM ${WIDGET} ORDER BY Name`);

    expect(result.totalSize).toBe(5000);
    expect(result.done).toBe(false);
    expect(result.records).toHaveLength(2000);
    expect(result.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\w{15}-2000$/);
  });

  it('conn.queryMore reads the next batches until done, without skipping or repeating a row', async () => {
    const server = await widgetServer(5000);
    const conn = connect(server);
    const first = await conn.query<{ Name: string }>(`SELECT Name FROM ${WIDGET} ORDER BY Name`);

    const second = await conn.queryMore<{ Name: string }>(first.nextRecordsUrl ?? '');
    const third = await conn.queryMore<{ Name: string }>(second.nextRecordsUrl ?? '');

    expect([second.records.length, third.records.length]).toEqual([2000, 1000]);
    expect(third.done).toBe(true);
    expect(third.nextRecordsUrl).toBeUndefined();
    const names = [...first.records, ...second.records, ...third.records].map((r) => r.Name);
    expect(new Set(names).size).toBe(5000);
    expect(names.at(-1)).toBe('w-5000');
  });

  it('conn.query().run({ autoFetch: true }) follows the locators through all 5,000 rows', async () => {
    const server = await widgetServer(5000);

    const { records, totalSize } = await connect(server)
      .query<{ Name: string }>(`SELECT Name FROM ${WIDGET} ORDER BY Name DESC`)
      .run({ autoFetch: true, maxFetch: 10_000 });

    expect(totalSize).toBe(5000);
    expect(records).toHaveLength(5000);
    expect(records[0]?.Name).toBe('w-5000');
    expect(records.at(-1)?.Name).toBe('w-0001');
  });

  it('pages from a snapshot: rows written after the first batch do not move later ones', async () => {
    const server = await widgetServer(2500);
    const first = await getJson<Page>(server, soql(`SELECT Name FROM ${WIDGET} ORDER BY Name`));
    await connect(server).sobject(WIDGET).create({ Name: 'w-0000' });

    const second = await getJson<Page>(server, first.nextRecordsUrl ?? '');

    expect(second.records[0]?.Name).toBe('w-2001');
    expect(second.records).toHaveLength(500);
    expect(second.totalSize).toBe(2500);
  });

  it('honours Sforce-Query-Options: batchSize, kept between 200 and 2,000', async () => {
    const server = await widgetServer(1000);
    const text = `SELECT Name FROM ${WIDGET}`;

    const small = await getJson<Page>(server, soql(text), {
      'Sforce-Query-Options': 'batchSize=300',
    });
    const tiny = await getJson<Page>(server, soql(text), { 'Sforce-Query-Options': 'batchSize=5' });

    expect(small.records).toHaveLength(300);
    expect(small.nextRecordsUrl).toMatch(/-300$/);
    expect(tiny.records).toHaveLength(200);
  });

  it('answers an unknown, finished or expired locator with 400 INVALID_QUERY_LOCATOR', async () => {
    const { server, clock } = await widgetOrgServer(2500);
    const finished = await getJson<Page>(server, soql(`SELECT Name FROM ${WIDGET}`));
    await getJson<Page>(server, finished.nextRecordsUrl ?? '');
    const idle = await getJson<Page>(server, soql(`SELECT Name FROM ${WIDGET}`));
    clock.advance(CURSOR_IDLE_MS);

    const responses = await Promise.all([
      server.call('/services/data/v62.0/query/01g000000000000AAA-2000'),
      server.call(finished.nextRecordsUrl ?? ''),
      server.call(idle.nextRecordsUrl ?? ''),
    ]);

    expect(responses.map((response) => response.status)).toEqual([400, 400, 400]);
    for (const response of responses) {
      expect(await response.json()).toMatchObject([{ errorCode: 'INVALID_QUERY_LOCATOR' }]);
    }
  });

  it('conn.query throws MALFORMED_QUERY with the position of the bad token', async () => {
    const server = await startRestServer();

    const error = await rejection(
      connect(server).query('SELECT Name FROM AFLO__Customer__c WHERE'),
    );

    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('ERROR at Row:1:Column:');
  });

  it('conn.query throws INVALID_FIELD for an unknown field', async () => {
    const server = await startRestServer();

    const error = await rejection(connect(server).query('SELECT Nope__c FROM AFLO__Customer__c'));

    expect(error.errorCode).toBe('INVALID_FIELD');
  });

  it('answers a query without q and an explain with 400', async () => {
    const server = await startRestServer();

    const missing = await server.call('/services/data/v62.0/query/');
    const explain = await server.call(
      `/services/data/v62.0/query/?explain=${encodeURIComponent('SELECT Id FROM User')}`,
    );

    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject([{ errorCode: 'MALFORMED_QUERY' }]);
    expect(explain.status).toBe(400);
  });

  it('conn.sobject().count() reads totalSize of SELECT count()', async () => {
    const server = await widgetServer(250);

    const count = await connect(server)
      .sobject(WIDGET)
      .count({ Name: { $like: 'w-01%' } });

    expect(count).toBe(100);
  });
});

describe('queryAll', () => {
  it('conn.query().scanAll(true) returns deleted records too, where conn.query does not', async () => {
    const server = await startRestServer();
    const conn = connect(server);
    const created = await conn
      .sobject('AFLO__Customer__c')
      .create({ Name: 'Gone', AFLO__CustomerId__c: 'gone' });
    await conn.sobject('AFLO__Customer__c').destroy(created.id ?? '');

    const all = await conn.query('SELECT Name, IsDeleted FROM AFLO__Customer__c').scanAll(true);
    const live = await conn.query('SELECT Name FROM AFLO__Customer__c');

    expect(all.records).toMatchObject([{ Name: 'Gone', IsDeleted: true }]);
    expect(live.totalSize).toBe(0);
  });
});

describe('SOQL injection', () => {
  it('keeps a hostile string a string: no other rows, no SQL run, the server still answers', async () => {
    const server = await widgetServer(3);
    const conn = connect(server);
    const hostile = `x' OR Name != '`;

    const found = await conn.sobject(WIDGET).find({ Name: hostile }, ['Name']);
    const raw = await server.call(
      soql(`SELECT Name FROM ${WIDGET} WHERE Name = 'a'; DROP TABLE "${WIDGET}"; --'`),
    );
    const upserted = await conn
      .sobject(WIDGET)
      .upsert({ Name: 'y', ExtId__c: `z' OR '1'='1` }, 'ExtId__c');

    expect(found).toEqual([]);
    expect(raw.status).toBe(400);
    expect(upserted).toMatchObject({ success: true, created: true });
    expect((await conn.query(`SELECT Name FROM ${WIDGET}`)).totalSize).toBe(4);
  });
});
