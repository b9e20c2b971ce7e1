import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

let org: SoqlFixture;

beforeEach(() => {
  org = createSoqlFixture();
  const { account } = org;
  org.insert(account, { Name: 'Acme', Industry: 'Tech', NumberOfEmployees: 100, Active__c: true });
  org.insert(account, {
    Name: 'Globex',
    Industry: 'Energy',
    NumberOfEmployees: 50,
    Active__c: false,
  });
  org.insert(account, { Name: 'Initech', Industry: null, NumberOfEmployees: 10 });
  org.insert(account, { Name: 'acme labs', Industry: 'tech', NumberOfEmployees: null });
});

afterEach(() => org.close());

const names = (
  where: string,
  binds?: Record<string, string | number | null | string[]>,
): unknown[] =>
  org.values(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`, 'Name', { binds });

describe('comparison operators', () => {
  it('does case-insensitive equality when comparing text', () => {
    expect(names("Industry = 'TECH'")).toEqual(['Acme', 'acme labs']);
  });

  it('does include null values when using != and <>', () => {
    expect(names("Industry != 'Tech'")).toEqual(['Globex', 'Initech']);
    expect(names("Industry <> 'Tech'")).toEqual(['Globex', 'Initech']);
  });

  it('does order comparisons on numbers and skips nulls', () => {
    expect(names('NumberOfEmployees < 50')).toEqual(['Initech']);
    expect(names('NumberOfEmployees <= 50')).toEqual(['Globex', 'Initech']);
    expect(names('NumberOfEmployees > 50')).toEqual(['Acme']);
    expect(names('NumberOfEmployees >= 50.0')).toEqual(['Acme', 'Globex']);
  });

  it('does match nulls when comparing with = null and != null', () => {
    expect(names('Industry = null')).toEqual(['Initech']);
    expect(names('Industry != null')).toEqual(['Acme', 'acme labs', 'Globex']);
  });

  it('does treat an unset checkbox as false when comparing with TRUE or FALSE', () => {
    expect(names('Active__c = TRUE')).toEqual(['Acme']);
    expect(names('Active__c = false')).toEqual(['acme labs', 'Globex', 'Initech']);
    expect(names('Active__c != true')).toEqual(['acme labs', 'Globex', 'Initech']);
  });
});

describe('LIKE', () => {
  it('does match % and _ wildcards case-insensitively', () => {
    expect(names("Name LIKE 'ACME%'")).toEqual(['Acme', 'acme labs']);
    expect(names("Name LIKE '_lobex'")).toEqual(['Globex']);
  });

  it('does treat escaped wildcards and SQL specials as literal characters', () => {
    org.insert(org.account, { Name: '100% sure' });
    org.insert(org.account, { Name: '100 percent' });
    org.insert(org.account, { Name: 'a_b' });
    org.insert(org.account, { Name: 'axb' });
    expect(names("Name LIKE '100\\%%'")).toEqual(['100% sure']);
    expect(names("Name LIKE 'a\\_b'")).toEqual(['a_b']);
    expect(names('Name LIKE :p', { p: 'a\\_b' })).toEqual(['a_b']);
  });

  it('does include records without a value when negated with NOT', () => {
    expect(names("NOT Industry LIKE 'te%'")).toEqual(['Globex', 'Initech']);
  });
});

describe('IN and NOT IN', () => {
  it('does match any listed literal', () => {
    expect(names("Industry IN ('tech', 'Energy')")).toEqual(['Acme', 'acme labs', 'Globex']);
  });

  it('does include null values in NOT IN unless null is listed', () => {
    expect(names("Industry NOT IN ('Tech')")).toEqual(['Globex', 'Initech']);
    expect(names("Industry NOT IN ('Tech', null)")).toEqual(['Globex']);
    expect(names("Industry IN ('Energy', null)")).toEqual(['Globex', 'Initech']);
  });

  it('does take the list from a bind variable, empty lists included', () => {
    expect(names('Name IN :wanted', { wanted: ['Globex', 'INITECH'] })).toEqual([
      'Globex',
      'Initech',
    ]);
    expect(names('Name IN :wanted', { wanted: [] })).toEqual([]);
    expect(names('Name NOT IN :wanted', { wanted: [] })).toHaveLength(4);
    expect(names('Name NOT IN :Wanted', { wanted: ['Acme'] })).toEqual([
      'acme labs',
      'Globex',
      'Initech',
    ]);
  });

  it('does compare with a scalar bind variable, null included', () => {
    expect(names('Industry = :industry', { industry: 'energy' })).toEqual(['Globex']);
    expect(names('Industry = :industry', { industry: null })).toEqual(['Initech']);
    expect(names('NumberOfEmployees > :n', { n: 20 })).toEqual(['Acme', 'Globex']);
  });
});

describe('AND, OR, NOT and parentheses', () => {
  it('does chain one operator without parentheses', () => {
    expect(names("Name = 'Acme' OR Name = 'Globex' OR Name = 'Initech'")).toHaveLength(3);
    expect(names("Industry = 'Tech' AND NumberOfEmployees > 50 AND Active__c = true")).toEqual([
      'Acme',
    ]);
  });

  it('does group by parentheses on either side', () => {
    const left = "(Industry = 'Tech' OR Industry = 'Energy') AND NumberOfEmployees >= 50";
    expect(names(left)).toEqual(['Acme', 'Globex']);
    const right = "Industry = 'Energy' OR (Industry = 'Tech' AND NumberOfEmployees = null)";
    expect(names(right)).toEqual(['acme labs', 'Globex']);
    const nested = "((Name = 'Acme') OR (Name = 'Globex' AND (Industry = 'Energy')))";
    expect(names(nested)).toEqual(['Acme', 'Globex']);
  });

  it('does apply NOT to the condition or group that follows it', () => {
    expect(names("NOT Name = 'Acme' AND NumberOfEmployees > 20")).toEqual(['Globex']);
    expect(names("NOT (Industry = 'Tech' OR Industry = 'Energy')")).toEqual(['Initech']);
    expect(names("(NOT Industry = 'Tech') AND NOT (NumberOfEmployees < 20)")).toEqual(['Globex']);
    expect(names("NOT NOT Name = 'Acme'")).toEqual(['Acme']);
  });
});

describe('Ids', () => {
  it('does match an Id given in 15-character or 18-character form, in any suffix case', () => {
    const [first] = org.query("SELECT Id FROM Account WHERE Name = 'Acme'").records;
    const id = String(first?.Id);
    expect(names(`Id = '${id.slice(0, 15)}'`)).toEqual(['Acme']);
    expect(names(`Id = '${id.slice(0, 15)}${id.slice(15).toLowerCase()}'`)).toEqual(['Acme']);
    expect(names('Id IN :ids', { ids: [id.slice(0, 15)] })).toEqual(['Acme']);
  });
});
