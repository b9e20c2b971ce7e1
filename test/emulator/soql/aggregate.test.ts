import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

const AGGREGATE = { type: 'AggregateResult' };

let org: SoqlFixture;
let acmeId: string;
let globexId: string;

beforeEach(() => {
  org = createSoqlFixture();
  const { account, invoice } = org;
  acmeId = org.insert(account, {
    Name: 'Acme',
    Industry: 'Tech',
    NumberOfEmployees: 100,
    Active__c: true,
    Founded__c: '2001-02-03',
  });
  globexId = org.insert(account, {
    Name: 'Globex',
    Industry: 'tech',
    NumberOfEmployees: 50,
    Founded__c: '1999-12-31',
  });
  org.insert(account, { Name: 'Initech', Industry: 'Energy', NumberOfEmployees: null });
  org.insert(account, {
    Name: 'Umbrella',
    Industry: null,
    NumberOfEmployees: 10,
    Active__c: false,
  });

  const at = (iso: string): Date => new Date(iso);
  org.insert(invoice, {
    Name: 'INV-0001',
    AFLO__Customer__c: acmeId,
    AFLO__Amount__c: 10,
    AFLO__Status__c: 'Open',
    AFLO__Issued__c: at('2024-05-01T10:00:00.000Z'),
  });
  org.insert(invoice, {
    Name: 'INV-0002',
    AFLO__Customer__c: acmeId,
    AFLO__Amount__c: 30,
    AFLO__Status__c: 'Paid',
    AFLO__Issued__c: at('2024-05-14T08:00:00.000Z'),
  });
  org.insert(invoice, {
    Name: 'INV-0003',
    AFLO__Customer__c: globexId,
    AFLO__Amount__c: 5,
    AFLO__Status__c: 'Open',
  });
  org.insert(invoice, { Name: 'INV-0004', AFLO__Customer__c: null, AFLO__Amount__c: null });
});

afterEach(() => org.close());

describe('GROUP BY', () => {
  it('does return one AggregateResult per group, keyed by field, alias and expr0, expr1, …', () => {
    const soql =
      'SELECT Industry, COUNT(Id) n, SUM(NumberOfEmployees), MAX(Name) FROM Account GROUP BY Industry ORDER BY Industry';
    expect(org.query(soql)).toEqual({
      totalSize: 3,
      done: true,
      records: [
        { attributes: AGGREGATE, Industry: null, n: 1, expr0: 10, expr1: 'Umbrella' },
        { attributes: AGGREGATE, Industry: 'Energy', n: 1, expr0: null, expr1: 'Initech' },
        // Text groups ignore case, as on the platform; the group shows one of its spellings.
        {
          attributes: AGGREGATE,
          Industry: expect.stringMatching(/^tech$/i),
          n: 2,
          expr0: 150,
          expr1: 'Globex',
        },
      ],
    });
  });

  it('does count non-null values with COUNT(f) and distinct ones with COUNT_DISTINCT(f)', () => {
    const soql =
      'SELECT COUNT(Id), COUNT(Industry), COUNT_DISTINCT(Industry), AVG(NumberOfEmployees) FROM Account';
    expect(org.query(soql).records).toEqual([
      { attributes: AGGREGATE, expr0: 4, expr1: 3, expr2: 2, expr3: 160 / 3 },
    ]);
  });

  it('does type MIN and MAX as their field: dates, datetimes and text', () => {
    const founded = 'SELECT MIN(Founded__c) earliest, MAX(Founded__c) FROM Account';
    expect(org.query(founded).records).toEqual([
      { attributes: AGGREGATE, earliest: '1999-12-31', expr0: '2001-02-03' },
    ]);
    const issued = 'SELECT MAX(AFLO__Issued__c), MIN(AFLO__Customer__r.Name) FROM AFLO__Invoice__c';
    expect(org.query(issued).records).toEqual([
      { attributes: AGGREGATE, expr0: new Date('2024-05-14T08:00:00.000Z'), expr1: 'Acme' },
    ]);
  });

  it('does key a grouped parent field by its field name and group an empty lookup as null', () => {
    const soql =
      'SELECT AFLO__Customer__r.Name, SUM(AFLO__Amount__c) total FROM AFLO__Invoice__c GROUP BY AFLO__Customer__r.Name ORDER BY AFLO__Customer__r.Name';
    expect(org.query(soql).records).toEqual([
      { attributes: AGGREGATE, Name: null, total: null },
      { attributes: AGGREGATE, Name: 'Acme', total: 40 },
      { attributes: AGGREGATE, Name: 'Globex', total: 5 },
    ]);
  });

  it('does group several fields, an alias naming a grouped field', () => {
    const soql =
      'SELECT AFLO__Status__c status, AFLO__Customer__c, COUNT(Id) FROM AFLO__Invoice__c WHERE AFLO__Status__c != null GROUP BY AFLO__Status__c, AFLO__Customer__c ORDER BY AFLO__Status__c, AFLO__Customer__c';
    expect(org.query(soql).records).toEqual([
      { attributes: AGGREGATE, status: 'Open', AFLO__Customer__c: acmeId, expr0: 1 },
      { attributes: AGGREGATE, status: 'Open', AFLO__Customer__c: globexId, expr0: 1 },
      { attributes: AGGREGATE, status: 'Paid', AFLO__Customer__c: acmeId, expr0: 1 },
    ]);
  });

  it('does group an unset checkbox with false, as it reads', () => {
    const soql = 'SELECT Active__c, COUNT(Id) FROM Account GROUP BY Active__c ORDER BY Active__c';
    expect(org.query(soql).records).toEqual([
      { attributes: AGGREGATE, Active__c: false, expr0: 3 },
      { attributes: AGGREGATE, Active__c: true, expr0: 1 },
    ]);
  });

  it('does return the groups alone without aggregates', () => {
    const soql = 'SELECT AFLO__Status__c FROM AFLO__Invoice__c GROUP BY AFLO__Status__c';
    expect(org.values(`${soql} ORDER BY AFLO__Status__c`, 'AFLO__Status__c')).toEqual([
      null,
      'Open',
      'Paid',
    ]);
  });
});

describe('aggregates without GROUP BY', () => {
  it('does return one row even when no record matches', () => {
    const soql =
      "SELECT COUNT(Id), SUM(NumberOfEmployees), MAX(Name) FROM Account WHERE Name = 'nobody'";
    expect(org.query(soql)).toEqual({
      totalSize: 1,
      done: true,
      records: [{ attributes: AGGREGATE, expr0: 0, expr1: null, expr2: null }],
    });
  });

  it('does leave deleted records out unless ALL ROWS', () => {
    org.insert(org.account, { Name: 'Gone', IsDeleted: true, NumberOfEmployees: 1000 });
    expect(org.query('SELECT COUNT(Id) n FROM Account').records[0]?.n).toBe(4);
    expect(org.query('SELECT COUNT(Id) n FROM Account ALL ROWS').records[0]?.n).toBe(5);
  });

  it('does keep COUNT() a count only', () => {
    expect(org.query('SELECT COUNT() FROM Account')).toEqual({
      totalSize: 4,
      done: true,
      records: [],
    });
  });
});

describe('HAVING', () => {
  const having = (condition: string): unknown[] =>
    org.values(
      `SELECT Industry FROM Account GROUP BY Industry HAVING ${condition} ORDER BY Industry`,
      'Industry',
    );

  it('does filter groups on aggregates, selected or not', () => {
    expect(having('COUNT(Id) > 1')).toEqual([expect.stringMatching(/^tech$/i)]);
    expect(having('SUM(NumberOfEmployees) < 100')).toEqual([null]);
    expect(having('MAX(Founded__c) > 2000-01-01')).toEqual([expect.stringMatching(/^tech$/i)]);
  });

  it('does filter on grouped fields and combine conditions with AND, OR and NOT', () => {
    expect(having("Industry = 'Energy' OR COUNT(Id) > 1")).toEqual([
      'Energy',
      expect.stringMatching(/^tech$/i),
    ]);
    expect(having('COUNT(Id) = 1 AND NOT Industry = null')).toEqual(['Energy']);
    expect(having('COUNT(Id) IN (2, 3)')).toEqual([expect.stringMatching(/^tech$/i)]);
  });

  it('does refuse, rather than misread, a leading NOT that soql-parser-js 6.3.1 loses', () => {
    const error = org.failure(
      'SELECT Industry FROM Account GROUP BY Industry HAVING NOT Industry = null AND COUNT(Id) = 1',
    );
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('unexpected token in HAVING clause');
  });

  it('does take bind variables and date literals', () => {
    const soql =
      'SELECT AFLO__Customer__c FROM AFLO__Invoice__c GROUP BY AFLO__Customer__c HAVING SUM(AFLO__Amount__c) >= :least AND MAX(AFLO__Issued__c) = LAST_N_DAYS:7';
    expect(org.values(soql, 'AFLO__Customer__c', { binds: { least: 20 } })).toEqual([acmeId]);
    expect(org.values(soql, 'AFLO__Customer__c', { binds: { least: 50 } })).toEqual([]);
  });
});

describe('ORDER BY, LIMIT and OFFSET of groups', () => {
  it('does order by an aggregate, NULLS FIRST or LAST as asked, and page the groups', () => {
    const soql = (tail: string): unknown[] =>
      org.values(
        `SELECT Industry, SUM(NumberOfEmployees) s FROM Account GROUP BY Industry ORDER BY ${tail}`,
        's',
      );
    expect(soql('SUM(NumberOfEmployees)')).toEqual([null, 10, 150]);
    expect(soql('SUM(NumberOfEmployees) DESC')).toEqual([150, 10, null]);
    expect(soql('SUM(NumberOfEmployees) NULLS LAST')).toEqual([10, 150, null]);
    expect(soql('SUM(NumberOfEmployees) DESC LIMIT 1 OFFSET 1')).toEqual([10]);
  });

  it('does count the groups in totalSize', () => {
    expect(org.query('SELECT Industry FROM Account GROUP BY Industry LIMIT 2').totalSize).toBe(2);
  });
});

describe('what a real org refuses', () => {
  it.each([
    [
      'SELECT Name, COUNT(Id) FROM Account GROUP BY Industry',
      'Field must be grouped or aggregated: Name',
    ],
    ['SELECT Name, COUNT(Id) FROM Account', 'Field must be grouped or aggregated: Name'],
    [
      'SELECT Industry FROM Account GROUP BY Industry HAVING Name = null',
      'Field must be grouped or aggregated: Name',
    ],
    [
      'SELECT Industry FROM Account GROUP BY Industry ORDER BY Name',
      'Ordered field must be grouped or aggregated: Name',
    ],
    [
      'SELECT Industry, COUNT(Industry) FROM Account GROUP BY Industry',
      'Grouped field should not be aggregated: Industry',
    ],
    ['SELECT SUM(Name) FROM Account', 'field Name does not support aggregate operator SUM'],
    [
      'SELECT AVG(Founded__c) FROM Account',
      'field Founded__c does not support aggregate operator AVG',
    ],
    [
      'SELECT COUNT(Active__c) FROM Account',
      'field Active__c does not support aggregate operator COUNT',
    ],
    [
      'SELECT MAX(Description) FROM Account',
      'field Description does not support aggregate operator MAX',
    ],
    ['SELECT COUNT(Id) n, MAX(Name) n FROM Account', 'duplicate alias: n'],
    ['SELECT COUNT(Id) expr0, MAX(Name) FROM Account', 'duplicate alias: expr0'],
    ['SELECT COUNT(Id) attributes FROM Account', 'duplicate alias: attributes'],
    [
      'SELECT COUNT(Id) FROM Account LIMIT 1',
      'Non-grouped query that uses overall aggregate functions cannot also use LIMIT',
    ],
    ['SELECT COUNT() FROM Account GROUP BY Industry', 'COUNT() cannot be used with GROUP BY'],
    ['SELECT Name n FROM Account', 'only aggregate expressions use field aliasing'],
    [
      'SELECT Industry, (SELECT Id FROM AFLO__Invoices__r) FROM Account GROUP BY Industry',
      'cannot have a child relationship subquery',
    ],
  ])('does answer MALFORMED_QUERY for %s', (soql, message) => {
    const error = org.failure(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain(message);
  });

  it('does point at the field that is neither grouped nor aggregated', () => {
    expect(org.failure('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry').message).toBe(
      '\nSELECT Name, COUNT(Id) FROM Account GROUP BY Industry\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Name',
    );
  });

  it.each(['Description', 'NumberOfEmployees', 'CreatedDate'])(
    'does answer INVALID_FIELD for GROUP BY %s, which cannot be grouped',
    (field) => {
      const error = org.failure(`SELECT COUNT(Id) FROM Account GROUP BY ${field}`);
      expect(error.errorCode).toBe('INVALID_FIELD');
      expect(error.message).toContain(`field '${field}' can not be grouped in a query call`);
    },
  );
});
