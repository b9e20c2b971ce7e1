import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { compileSoql, type ChildOutput } from '../../../emulator/soql/index.ts';
import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

let org: SoqlFixture;
let acmeId: string;
let globexId: string;
let invoiceIds: string[];

const url = (type: string, id: string): string => `/services/data/v62.0/sobjects/${type}/${id}`;

beforeEach(() => {
  org = createSoqlFixture();
  const { account, invoice } = org;
  acmeId = org.insert(account, { Name: 'Acme' });
  globexId = org.insert(account, { Name: 'Globex' });
  org.insert(account, { Name: 'Initech' });
  invoiceIds = [
    org.insert(invoice, { Name: 'INV-0001', AFLO__Customer__c: acmeId, AFLO__Amount__c: 10 }),
    org.insert(invoice, { Name: 'INV-0002', AFLO__Customer__c: acmeId, AFLO__Amount__c: null }),
    org.insert(invoice, { Name: 'INV-0003', AFLO__Customer__c: acmeId, AFLO__Amount__c: 30 }),
    org.insert(invoice, { Name: 'INV-0004', AFLO__Customer__c: globexId, AFLO__Amount__c: 5 }),
    org.insert(invoice, { Name: 'INV-0005', AFLO__Customer__c: null, AFLO__Amount__c: 1 }),
  ];
});

afterEach(() => org.close());

/** The Names of each parent's children, in order; null for a parent without children. */
function childNames(soql: string): Array<unknown[] | null> {
  return org.query(soql).records.map((record) => {
    const children = record.AFLO__Invoices__r as { records: Array<{ Name: unknown }> } | null;
    return children === null ? null : children.records.map((child) => child.Name);
  });
}

describe('child subqueries', () => {
  it('does nest each parent’s children as a query result, null without children', () => {
    const soql =
      "SELECT Name, (SELECT Name, AFLO__Amount__c FROM AFLO__Invoices__r WHERE AFLO__Amount__c > 6 ORDER BY Name) FROM Account WHERE Name != 'Initech' ORDER BY Name";
    expect(org.query(soql)).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: { type: 'Account', url: url('Account', acmeId) },
          Name: 'Acme',
          AFLO__Invoices__r: {
            totalSize: 2,
            done: true,
            records: [
              {
                attributes: {
                  type: 'AFLO__Invoice__c',
                  url: url('AFLO__Invoice__c', invoiceIds[0] ?? ''),
                },
                Name: 'INV-0001',
                AFLO__Amount__c: 10,
              },
              {
                attributes: {
                  type: 'AFLO__Invoice__c',
                  url: url('AFLO__Invoice__c', invoiceIds[2] ?? ''),
                },
                Name: 'INV-0003',
                AFLO__Amount__c: 30,
              },
            ],
          },
        },
        {
          attributes: { type: 'Account', url: url('Account', globexId) },
          Name: 'Globex',
          AFLO__Invoices__r: null,
        },
      ],
    });
  });

  it('does answer with the canonical relationship name whatever the query case, in SELECT order', () => {
    const [record] = org.query(
      "select (select name from aflo__invoices__R), name from account where name = 'Globex'",
    ).records;
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'AFLO__Invoices__r', 'Name']);
  });

  it('does order each parent’s children, NULLS FIRST ascending and LAST descending unless told', () => {
    const subquery = (order: string): string =>
      `SELECT Name, (SELECT Name FROM AFLO__Invoices__r ORDER BY ${order}) FROM Account ORDER BY Name`;
    expect(childNames(subquery('AFLO__Amount__c'))).toEqual([
      ['INV-0002', 'INV-0001', 'INV-0003'],
      ['INV-0004'],
      null,
    ]);
    expect(childNames(subquery('AFLO__Amount__c DESC'))[0]).toEqual([
      'INV-0003',
      'INV-0001',
      'INV-0002',
    ]);
    expect(childNames(subquery('AFLO__Amount__c NULLS LAST'))[0]).toEqual([
      'INV-0001',
      'INV-0003',
      'INV-0002',
    ]);
  });

  it('does apply LIMIT to each parent’s children, after ORDER BY', () => {
    const soql =
      'SELECT Name, (SELECT Name FROM AFLO__Invoices__r ORDER BY AFLO__Amount__c DESC NULLS LAST LIMIT 2) FROM Account ORDER BY Name';
    expect(childNames(soql)).toEqual([['INV-0003', 'INV-0001'], ['INV-0004'], null]);
  });

  it('does read parent fields and bind variables inside the subquery', () => {
    const soql =
      'SELECT Name, (SELECT Name, AFLO__Customer__r.Name FROM AFLO__Invoices__r WHERE AFLO__Amount__c >= :least) FROM Account WHERE Id = :id';
    const [record] = org.query(soql, { binds: { least: 20, id: acmeId } }).records;
    expect(record?.AFLO__Invoices__r).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'AFLO__Invoice__c',
            url: url('AFLO__Invoice__c', invoiceIds[2] ?? ''),
          },
          Name: 'INV-0003',
          AFLO__Customer__r: {
            attributes: { type: 'Account', url: url('Account', acmeId) },
            Name: 'Acme',
          },
        },
      ],
    });
  });

  it('does leave deleted children out unless ALL ROWS', () => {
    org.db
      .prepare('UPDATE "AFLO__Invoice__c" SET "IsDeleted" = 1 WHERE "Id" = ?')
      .run(invoiceIds[3]);
    const soql =
      "SELECT Name, (SELECT Name FROM AFLO__Invoices__r) FROM Account WHERE Name = 'Globex'";
    expect(childNames(soql)).toEqual([null]);
    expect(childNames(`${soql} ALL ROWS`)).toEqual([['INV-0004']]);
  });

  it('does read the children of every parent with one statement given their Ids', () => {
    const compiled = compileSoql(
      'SELECT Name, (SELECT Name FROM AFLO__Invoices__r ORDER BY Name) FROM Account',
      org.schema,
    );
    const [child] = compiled.output.filter(
      (entry): entry is ChildOutput => entry.kind === 'children',
    );
    if (child === undefined) throw new Error('no child subquery was compiled');
    const rows = org.db
      .prepare(child.query.sql)
      .raw(true)
      .all(JSON.stringify([acmeId, globexId]), ...child.query.params) as unknown[][];
    expect(rows.map((row) => row[child.query.parentColumn])).toEqual([
      acmeId,
      acmeId,
      acmeId,
      globexId,
    ]);
  });

  it('does page the parents with LIMIT and OFFSET, and read only the children of those returned', () => {
    const soql =
      'SELECT Name, (SELECT Name FROM AFLO__Invoices__r ORDER BY Name) FROM Account ORDER BY Name LIMIT 1 OFFSET 1';
    expect(childNames(soql)).toEqual([['INV-0004']]);
  });
});

describe('child subqueries a real org refuses', () => {
  it('does answer INVALID_TYPE for an unknown child relationship', () => {
    const error = org.failure('SELECT Name, (SELECT Name FROM Invoices__r) FROM Account');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toContain(
      "ERROR at Row:1:Column:32\nDidn't understand relationship 'Invoices__r' in FROM part of query call.",
    );
  });

  it('does answer INVALID_FIELD naming the child entity for an unknown field', () => {
    const error = org.failure('SELECT Name, (SELECT Bogus__c FROM AFLO__Invoices__r) FROM Account');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain("No such column 'Bogus__c' on entity 'AFLO__Invoice__c'");
  });

  it.each([
    'SELECT Name, (SELECT COUNT() FROM AFLO__Invoices__r) FROM Account',
    'SELECT Name, (SELECT COUNT(Id) FROM AFLO__Invoices__r) FROM Account',
    'SELECT Name, (SELECT AFLO__Status__c FROM AFLO__Invoices__r GROUP BY AFLO__Status__c) FROM Account',
  ])('does refuse aggregates in %s', (soql) => {
    const error = org.failure(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('only root queries support aggregate expressions');
  });
});
