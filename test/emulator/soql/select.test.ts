import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { compileSoql } from '../../../emulator/soql/index.ts';
import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

let org: SoqlFixture;
let acmeId: string;
let globexId: string;

beforeEach(() => {
  org = createSoqlFixture();
  const { account, invoice } = org;
  acmeId = org.insert(account, { Name: 'Acme', Industry: 'Tech', Founded__c: '2001-02-03' });
  globexId = org.insert(account, { Name: 'Globex', Industry: null });
  const issued = new Date('2024-05-01T10:30:00.000Z');
  org.insert(invoice, {
    Name: 'INV-0001',
    AFLO__Customer__c: acmeId,
    AFLO__Amount__c: 10,
    AFLO__Issued__c: issued,
  });
  org.insert(invoice, { Name: 'INV-0002', AFLO__Customer__c: globexId, AFLO__Amount__c: 20 });
  org.insert(invoice, { Name: 'INV-0003', AFLO__Customer__c: null, AFLO__Amount__c: 30 });
});

afterEach(() => org.close());

describe('records', () => {
  it('does return canonical type and field names whatever the query case', () => {
    const result = org.query("select name, INDUSTRY, founded__C from account where name = 'acme'");
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acmeId}` },
          Name: 'Acme',
          Industry: 'Tech',
          Founded__c: '2001-02-03',
        },
      ],
    });
  });

  it('does make the url from the Id without returning the Id when it is not selected', () => {
    const [record] = org.query('SELECT Name FROM Account ORDER BY Name LIMIT 1', {
      apiVersion: '59.0',
    }).records;
    expect(record?.attributes.url).toBe(`/services/data/v59.0/sobjects/Account/${acmeId}`);
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Name']);
  });

  it('does decode datetimes to Date objects and return each field once when selected twice', () => {
    const soql =
      "SELECT Id, AFLO__Issued__c, id, Name FROM AFLO__Invoice__c WHERE Name = 'INV-0001'";
    const [record] = org.query(soql).records;
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Id', 'AFLO__Issued__c', 'Name']);
    expect(record?.AFLO__Issued__c).toEqual(new Date('2024-05-01T10:30:00.000Z'));
  });
});

describe('parent fields', () => {
  it('does nest the parent record and give null for an empty lookup', () => {
    const soql =
      'SELECT Name, AFLO__Customer__r.Name, AFLO__Customer__r.Industry FROM AFLO__Invoice__c ORDER BY Name';
    const records = org.query(soql).records;
    expect(records[0]).toEqual({
      attributes: expect.objectContaining({ type: 'AFLO__Invoice__c' }),
      Name: 'INV-0001',
      AFLO__Customer__r: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acmeId}` },
        Name: 'Acme',
        Industry: 'Tech',
      },
    });
    expect(records[1]?.AFLO__Customer__r).toMatchObject({ Name: 'Globex', Industry: null });
    expect(records[2]?.AFLO__Customer__r).toBeNull();
  });

  it('does filter on parent fields, a missing parent counting as null', () => {
    const names = (where: string): unknown[] =>
      org.values(`SELECT Name FROM AFLO__Invoice__c WHERE ${where} ORDER BY Name`, 'Name');
    expect(names("afLo__customer__R.name = 'ACME'")).toEqual(['INV-0001']);
    expect(names('AFLO__Customer__r.Industry = null')).toEqual(['INV-0002', 'INV-0003']);
    expect(names("AFLO__Customer__r.Name != 'Acme'")).toEqual(['INV-0002', 'INV-0003']);
  });

  it('does order by a parent field with the missing parent first', () => {
    const soql =
      'SELECT Name FROM AFLO__Invoice__c ORDER BY AFLO__Customer__r.Name DESC NULLS FIRST';
    expect(org.values(soql, 'Name')).toEqual(['INV-0003', 'INV-0002', 'INV-0001']);
    const ascending = 'SELECT Name FROM AFLO__Invoice__c ORDER BY AFLO__Customer__r.Name';
    expect(org.values(ascending, 'Name')).toEqual(['INV-0003', 'INV-0001', 'INV-0002']);
  });

  it('does resolve fields through the object alias', () => {
    const soql =
      'SELECT i.Name, i.AFLO__Customer__r.Name FROM AFLO__Invoice__c i WHERE i.AFLO__Amount__c = 10';
    const [record] = org.query(soql).records;
    expect(record).toMatchObject({ Name: 'INV-0001', AFLO__Customer__r: { Name: 'Acme' } });
  });

  it('does join each parent once when it is used in several clauses', () => {
    const soql =
      "SELECT AFLO__Customer__r.Name FROM AFLO__Invoice__c WHERE AFLO__Customer__r.Name LIKE 'A%' ORDER BY AFLO__Customer__r.Name";
    expect(compileSoql(soql, org.schema).sql.match(/LEFT JOIN/g)).toHaveLength(1);
  });
});

describe('ORDER BY, LIMIT and OFFSET', () => {
  it('does put nulls first ascending and last descending unless told otherwise', () => {
    const soql = (order: string): unknown[] =>
      org.values(`SELECT Name FROM Account ORDER BY ${order}`, 'Name');
    expect(soql('Industry')).toEqual(['Globex', 'Acme']);
    expect(soql('Industry DESC')).toEqual(['Acme', 'Globex']);
    expect(soql('Industry ASC NULLS LAST')).toEqual(['Acme', 'Globex']);
    expect(soql('Industry DESC NULLS FIRST')).toEqual(['Globex', 'Acme']);
  });

  it('does page with LIMIT and OFFSET, totalSize counting the rows returned', () => {
    const page = org.query(
      'SELECT Name FROM AFLO__Invoice__c ORDER BY AFLO__Amount__c DESC LIMIT 1 OFFSET 1',
    );
    expect(page.totalSize).toBe(1);
    expect(page.records.map((record) => record.Name)).toEqual(['INV-0002']);
    expect(org.values('SELECT Name FROM AFLO__Invoice__c ORDER BY Name OFFSET 2', 'Name')).toEqual([
      'INV-0003',
    ]);
  });
});

describe('COUNT()', () => {
  it('does return only totalSize, honouring WHERE, parent fields and LIMIT', () => {
    expect(org.query('SELECT COUNT() FROM AFLO__Invoice__c')).toEqual({
      totalSize: 3,
      done: true,
      records: [],
    });
    const soql = "SELECT count() FROM AFLO__Invoice__c WHERE AFLO__Customer__r.Industry = 'Tech'";
    expect(org.query(soql).totalSize).toBe(1);
    expect(org.query('SELECT COUNT() FROM AFLO__Invoice__c LIMIT 2').totalSize).toBe(2);
  });
});

describe('deleted records', () => {
  beforeEach(() => {
    org.insert(org.account, { Name: 'Gone', IsDeleted: true });
  });

  it('does leave deleted records out by default', () => {
    expect(org.query('SELECT COUNT() FROM Account').totalSize).toBe(2);
  });

  it('does include deleted records with includeDeleted or ALL ROWS', () => {
    expect(org.query('SELECT COUNT() FROM Account', { includeDeleted: true }).totalSize).toBe(3);
    expect(org.values("SELECT Name FROM Account WHERE Name = 'Gone' ALL ROWS", 'Name')).toEqual([
      'Gone',
    ]);
  });

  it('does treat a deleted parent as missing', () => {
    org.db.prepare('UPDATE "Account" SET "IsDeleted" = 1 WHERE "Id" = ?').run(globexId);
    const soql = "SELECT AFLO__Customer__r.Name FROM AFLO__Invoice__c WHERE Name = 'INV-0002'";
    expect(org.query(soql).records[0]?.AFLO__Customer__r).toBeNull();
  });
});
