import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SalesforceError } from '../../../emulator/errors.ts';
import { compileSoql } from '../../../emulator/soql/index.ts';
import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

let org: SoqlFixture;

beforeEach(() => {
  org = createSoqlFixture();
  org.insert(org.account, { Name: 'Acme' });
  org.insert(org.account, { Name: "O'Brien" });
});

afterEach(() => org.close());

function expectMalformed(soql: string): void {
  let caught: unknown;
  try {
    org.query(soql);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SalesforceError);
  expect((caught as SalesforceError).errorCode).toBe('MALFORMED_QUERY');
}

function tableCount(): number {
  return (
    org.db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
      .get()?.n ?? 0
  );
}

describe('SQL injection', () => {
  it.each([
    "SELECT Id FROM Account WHERE Name = 'x'; DROP TABLE Account",
    "SELECT Id FROM Account WHERE Name = 'x' -- AND Name = 'y'",
    "SELECT Id FROM Account WHERE Name = 'x' /* comment */",
    "SELECT Id FROM Account WHERE Name = 'x'' OR 1=1 OR Name = ''",
    'SELECT Id FROM Account WHERE Name = "x" OR "1" = "1"',
    'SELECT Id FROM "Account"; DROP TABLE "Account"',
    'SELECT Id FROM Account WHERE Name = 1 OR 1 = 1',
  ])('does refuse %s as MALFORMED_QUERY', (soql) => {
    expectMalformed(soql);
    expect(tableCount()).toBe(2);
  });

  it('does keep quotes, semicolons and comments inside a string literal as plain text', () => {
    const hostile = "x' OR '1'='1'; DROP TABLE \"Account\"; --";
    expect(
      org.query(`SELECT Id FROM Account WHERE Name = '${hostile.replaceAll("'", "\\'")}'`).records,
    ).toEqual([]);
    expect(org.values("SELECT Name FROM Account WHERE Name = 'O\\'Brien'", 'Name')).toEqual([
      "O'Brien",
    ]);
    expect(tableCount()).toBe(2);
  });

  it('does pass every value as a parameter and never into the SQL text', () => {
    const compiled = compileSoql(
      "SELECT Name FROM Account WHERE Name = 'Robert\\'); DROP TABLE Students;--' AND NumberOfEmployees IN :n",
      org.schema,
      { binds: { n: [1, 2] } },
    );
    expect(compiled.sql).not.toContain('Robert');
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.params).toEqual(["Robert'); DROP TABLE Students;--", 1, 2]);
  });

  it('does treat bind values as data, wildcards included only for LIKE', () => {
    const hostile = "' OR 1=1 --";
    expect(
      org.values('SELECT Name FROM Account WHERE Name = :n', 'Name', { binds: { n: hostile } }),
    ).toEqual([]);
    expect(
      org.values('SELECT Name FROM Account WHERE Name = :n', 'Name', { binds: { n: '%' } }),
    ).toEqual([]);
    expect(tableCount()).toBe(2);
  });

  it('does quote identifiers from metadata, not from the query text', () => {
    const compiled = compileSoql('select name from ACCOUNT where INDUSTRY = null', org.schema);
    expect(compiled.sql).toContain('FROM "Account" AS "t0"');
    expect(compiled.sql).toContain('"t0"."Industry" IS NULL');
  });
});
