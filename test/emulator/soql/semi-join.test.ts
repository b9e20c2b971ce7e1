import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

let org: SoqlFixture;
let paidId: string;

beforeEach(() => {
  org = createSoqlFixture();
  const { account, invoice } = org;
  const acme = org.insert(account, { Name: 'Acme', Industry: 'Tech' });
  const globex = org.insert(account, { Name: 'Globex', Industry: 'Energy' });
  org.insert(account, { Name: 'Initech', Industry: 'Tech' });
  org.insert(invoice, { Name: 'INV-1', AFLO__Customer__c: acme, AFLO__Amount__c: 10 });
  paidId = org.insert(invoice, {
    Name: 'INV-2',
    AFLO__Customer__c: globex,
    AFLO__Amount__c: 5,
    AFLO__Status__c: 'Paid',
  });
  org.insert(invoice, { Name: 'INV-3', AFLO__Customer__c: null, AFLO__Amount__c: 50 });
});

afterEach(() => org.close());

const accounts = (where: string, binds?: Record<string, string | number>): unknown[] =>
  org.values(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`, 'Name', { binds });
const invoices = (where: string): unknown[] =>
  org.values(`SELECT Name FROM AFLO__Invoice__c WHERE ${where} ORDER BY Name`, 'Name');

describe('semi-joins and anti-joins', () => {
  it('does keep the parents that have matching children, or those that have none', () => {
    const matching =
      'Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c WHERE AFLO__Amount__c > 6)';
    expect(accounts(matching)).toEqual(['Acme']);
    expect(accounts(`NOT (${matching})`)).toEqual(['Globex', 'Initech']);
    // An invoice without a customer neither matches an account nor makes NOT IN unknown.
    expect(accounts('Id NOT IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c)')).toEqual([
      'Initech',
    ]);
  });

  it('does filter children on their parents through the lookup, an empty lookup being NOT IN', () => {
    const tech = "(SELECT Id FROM Account WHERE Industry = 'Tech')";
    expect(invoices(`AFLO__Customer__c IN ${tech}`)).toEqual(['INV-1']);
    expect(invoices(`AFLO__Customer__c NOT IN ${tech}`)).toEqual(['INV-2', 'INV-3']);
  });

  it('does bind values inside and around it in the order they are written', () => {
    const where =
      'Name != :a AND Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c WHERE AFLO__Amount__c < :b) AND Name != :c';
    expect(accounts(where, { a: 'Acme', b: 100, c: 'Initech' })).toEqual(['Globex']);
    expect(accounts(where, { a: 'Globex', b: 100, c: 'Initech' })).toEqual(['Acme']);
  });

  it('does keep the aliases of its tables apart from the outer query’s parent joins', () => {
    const soql =
      "SELECT Name, AFLO__Customer__r.Name FROM AFLO__Invoice__c WHERE AFLO__Customer__r.Industry = 'Tech' AND AFLO__Customer__c IN (SELECT Id FROM Account WHERE Name LIKE 'A%')";
    expect(org.query(soql).records).toMatchObject([
      { Name: 'INV-1', AFLO__Customer__r: { Name: 'Acme' } },
    ]);
  });

  it('does leave deleted inner records out unless ALL ROWS', () => {
    org.db.prepare('UPDATE "AFLO__Invoice__c" SET "IsDeleted" = 1 WHERE "Id" = ?').run(paidId);
    const where =
      "Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c WHERE AFLO__Status__c = 'Paid')";
    expect(accounts(where)).toEqual([]);
    expect(org.values(`SELECT Name FROM Account WHERE ${where} ALL ROWS`, 'Name')).toEqual([
      'Globex',
    ]);
  });

  it('does work in the WHERE clause of a child subquery, COUNT() and an aggregate query', () => {
    const tech = "(SELECT Id FROM Account WHERE Industry = 'Tech')";
    const child = `SELECT Name, (SELECT Name FROM AFLO__Invoices__r WHERE AFLO__Customer__c IN ${tech}) FROM Account ORDER BY Name`;
    const children = org.query(child).records.map((record) => record.AFLO__Invoices__r);
    expect(children).toMatchObject([{ totalSize: 1, records: [{ Name: 'INV-1' }] }, null, null]);

    const customers = 'Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c)';
    expect(org.query(`SELECT COUNT() FROM Account WHERE ${customers}`).totalSize).toBe(2);
    const grouped = `SELECT Industry, COUNT(Id) n FROM Account WHERE ${customers} GROUP BY Industry ORDER BY Industry`;
    expect(org.values(grouped, 'n')).toEqual([1, 1]);
  });
});

describe('semi-joins a real org refuses', () => {
  it.each([
    [
      'SELECT Id FROM Account WHERE Name IN (SELECT Name FROM AFLO__Invoice__c)',
      "The left operand field in the where expression for outer query should be an id field, cannot use: 'Name'",
    ],
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT Name FROM AFLO__Invoice__c)',
      "semi join sub selects can only query id fields, cannot use: 'Name'",
    ],
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT Id, AFLO__Customer__c FROM AFLO__Invoice__c)',
      'semi join sub selects can only query id fields',
    ],
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Account)',
      'The inner and outer selects should not be on the same object type',
    ],
  ])('does answer MALFORMED_QUERY for %s', (soql, message) => {
    const error = org.failure(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain(message);
  });

  it('does answer INVALID_TYPE for an unknown inner sObject', () => {
    expect(
      org.failure('SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Nope__c)').errorCode,
    ).toBe('INVALID_TYPE');
  });

  it.each([
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c WHERE Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c))',
      'A semi-join (IN (SELECT …)) here',
    ],
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT AFLO__Customer__c FROM AFLO__Invoice__c ORDER BY Name LIMIT 1)',
      'ORDER BY, LIMIT or OFFSET in a semi-join',
    ],
  ])('does answer MALFORMED_QUERY naming what is not supported in %s', (soql, feature) => {
    const error = org.failure(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain(feature);
  });
});
