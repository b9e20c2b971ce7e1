/** query, queryMore and queryAll through the real jsforce, and the paging jsforce hides. */
import { describe, expect, it } from 'vitest';
import { Database, sobject } from '../../../emulator/apex-api.ts';
import type { VirtualClock } from '../../../emulator/clock.ts';
import type { Org } from '../../../emulator/org.ts';
import { CURSOR_IDLE_MS } from '../../../emulator/rest/query-cursors.ts';
import { connect, rejection } from '../../support/jsforce-connection.ts';
import { demoPackage, PARENT, WIDGET } from '../../support/demo-package.ts';
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

/** Two customers, two promotions, and three customer promotions: Acme has two, Bolt one. */
async function promotionServer(): Promise<{ server: RestServer; ids: Record<string, string> }> {
  const server = await startRestServer();
  const conn = connect(server);
  const create = async (type: string, fields: Record<string, string>): Promise<string> =>
    (await conn.sobject(type).create(fields)).id ?? '';
  const ids: Record<string, string> = {
    acme: await create('AFLO__Customer__c', { Name: 'Acme', AFLO__CustomerId__c: 'acme' }),
    bolt: await create('AFLO__Customer__c', { Name: 'Bolt', AFLO__CustomerId__c: 'bolt' }),
    idle: await create('AFLO__Customer__c', { Name: 'Idle', AFLO__CustomerId__c: 'idle' }),
    spring: await create('AFLO__Promotion__c', { Name: 'Spring', AFLO__PromotionId__c: 'spring' }),
    summer: await create('AFLO__Promotion__c', { Name: 'Summer', AFLO__PromotionId__c: 'summer' }),
  };
  const relations: Array<[string, string, string]> = [
    ['r-1', 'acme', 'spring'],
    ['r-2', 'acme', 'summer'],
    ['r-3', 'bolt', 'spring'],
  ];
  for (const [relation, customer, promotion] of relations) {
    ids[relation] = await create('AFLO__CustomerPromotion__c', {
      AFLO__RelationId__c: relation,
      AFLO__Customer__c: ids[customer] ?? '',
      AFLO__Promotion__c: ids[promotion] ?? '',
    });
  }
  return { server, ids };
}

describe('aggregate queries and child subqueries', () => {
  it('conn.query returns AggregateResult rows without a url, keyed by field, alias and expr0', async () => {
    const { server } = await promotionServer();

    const result = await connect(server).query(
      'SELECT AFLO__Promotion__r.Name, COUNT(Id) n, MIN(AFLO__RelationId__c) FROM AFLO__CustomerPromotion__c GROUP BY AFLO__Promotion__r.Name ORDER BY COUNT(Id) DESC',
    );
    const total = await connect(server).query('SELECT COUNT(Id) FROM AFLO__Customer__c');

    expect(result).toEqual({
      totalSize: 2,
      done: true,
      records: [
        { attributes: { type: 'AggregateResult' }, Name: 'Spring', n: 2, expr0: 'r-1' },
        { attributes: { type: 'AggregateResult' }, Name: 'Summer', n: 1, expr0: 'r-2' },
      ],
    });
    expect(total.records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 3 }]);
  });

  it('conn.query nests each customer’s promotions, null for a customer without any', async () => {
    const { server, ids } = await promotionServer();
    const url = (type: string, id: string | undefined): string =>
      `/services/data/v62.0/sobjects/${type}/${id ?? ''}`;
    const relation = (id: string, promotion: string) => ({
      attributes: {
        type: 'AFLO__CustomerPromotion__c',
        url: url('AFLO__CustomerPromotion__c', ids[id]),
      },
      AFLO__RelationId__c: id,
      AFLO__Promotion__r: {
        attributes: { type: 'AFLO__Promotion__c', url: url('AFLO__Promotion__c', ids[promotion]) },
        Name: promotion === 'spring' ? 'Spring' : 'Summer',
      },
    });

    const result = await connect(server).query(
      'SELECT Name, (SELECT AFLO__RelationId__c, AFLO__Promotion__r.Name FROM AFLO__CustomerPromotions__r ORDER BY AFLO__RelationId__c DESC) FROM AFLO__Customer__c ORDER BY Name',
    );

    expect(result.records).toEqual([
      {
        attributes: { type: 'AFLO__Customer__c', url: url('AFLO__Customer__c', ids.acme) },
        Name: 'Acme',
        AFLO__CustomerPromotions__r: {
          totalSize: 2,
          done: true,
          records: [relation('r-2', 'summer'), relation('r-1', 'spring')],
        },
      },
      {
        attributes: { type: 'AFLO__Customer__c', url: url('AFLO__Customer__c', ids.bolt) },
        Name: 'Bolt',
        AFLO__CustomerPromotions__r: {
          totalSize: 1,
          done: true,
          records: [relation('r-3', 'spring')],
        },
      },
      {
        attributes: { type: 'AFLO__Customer__c', url: url('AFLO__Customer__c', ids.idle) },
        Name: 'Idle',
        AFLO__CustomerPromotions__r: null,
      },
    ]);
  });

  it('jsforce include() finds the child relationship in the describe and runs the subquery', async () => {
    const { server } = await promotionServer();

    const customers = await connect(server)
      .sobject('AFLO__Customer__c')
      .find({ Name: { $in: ['Acme', 'Bolt'] } }, ['Name'])
      .include('AFLO__CustomerPromotions__r')
      .select(['AFLO__RelationId__c'])
      .sort('AFLO__RelationId__c', 'ASC')
      .limit(1)
      .end()
      .sort('Name');

    expect(
      customers.map((c) => [
        c.Name,
        c.AFLO__CustomerPromotions__r?.records.map((r) => r.AFLO__RelationId__c),
      ]),
    ).toEqual([
      ['Acme', ['r-1']],
      ['Bolt', ['r-3']],
    ]);
  });

  it('pages parents with their children through queryMore, children staying with their parent', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    await org.run({ kind: 'system', allowsCallouts: false }, () => {
      const names = Array.from({ length: 2100 }, (_, i) => `p-${String(i + 1).padStart(4, '0')}`);
      for (let start = 0; start < names.length; start += 200) {
        const parents = names.slice(start, start + 200).map((Name) => sobject(PARENT, { Name }));
        const saved = Database.insert(parents);
        Database.insert(
          saved.map((r, i) => sobject(WIDGET, { Name: `w-${start + i + 1}`, Parent__c: r.id })),
        );
      }
    });
    const server = await startRestServer({ org });

    const { records, totalSize } = await connect(server)
      .query<{ Name: string; Demos__r: { totalSize: number; records: Array<{ Name: string }> } }>(
        `SELECT Name, (SELECT Name FROM Demos__r) FROM ${PARENT} ORDER BY Name`,
      )
      .run({ autoFetch: true, maxFetch: 10_000 });

    expect(totalSize).toBe(2100);
    expect(records).toHaveLength(2100);
    const last = records.at(-1);
    expect([last?.Name, last?.Demos__r.totalSize, last?.Demos__r.records[0]?.Name]).toEqual([
      'p-2100',
      1,
      'w-2100',
    ]);
  });

  it('answers an aggregate query of more than 2,000 rows with MALFORMED_QUERY, one of 2,000 in one batch', async () => {
    const server = await widgetServer(2001);
    const grouped = `SELECT Name, COUNT(Id) FROM ${WIDGET} GROUP BY Name`;

    const error = await rejection(connect(server).query(grouped));
    const limited = await getJson<Page>(server, soql(`${grouped} LIMIT 2000`), {
      'Sforce-Query-Options': 'batchSize=200',
    });

    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('Aggregate query does not support queryMore()');
    expect([limited.totalSize, limited.done, limited.records.length]).toEqual([2000, true, 2000]);
    expect(limited.nextRecordsUrl).toBeUndefined();
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
