import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { dateLiteralRange } from '../../../emulator/soql/date-literals.ts';
import { createSoqlFixture, NOW, type SoqlFixture } from './soql-fixture.ts';

// NOW is Wednesday 2024-05-15 12:00 UTC.
const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

describe('dateLiteralRange', () => {
  // Every literal the parser knows, at NOW; the fiscal ones equal the calendar ones (an org with
  // the default fiscal year, starting in January).
  it.each([
    ['YESTERDAY', undefined, '2024-05-14', '2024-05-15'],
    ['TODAY', undefined, '2024-05-15', '2024-05-16'],
    ['TOMORROW', undefined, '2024-05-16', '2024-05-17'],
    ['LAST_WEEK', undefined, '2024-05-05', '2024-05-12'],
    ['THIS_WEEK', undefined, '2024-05-12', '2024-05-19'],
    ['NEXT_WEEK', undefined, '2024-05-19', '2024-05-26'],
    ['LAST_MONTH', undefined, '2024-04-01', '2024-05-01'],
    ['THIS_MONTH', undefined, '2024-05-01', '2024-06-01'],
    ['NEXT_MONTH', undefined, '2024-06-01', '2024-07-01'],
    ['LAST_90_DAYS', undefined, '2024-02-15', '2024-05-16'],
    ['NEXT_90_DAYS', undefined, '2024-05-16', '2024-08-14'],
    ['LAST_QUARTER', undefined, '2024-01-01', '2024-04-01'],
    ['THIS_QUARTER', undefined, '2024-04-01', '2024-07-01'],
    ['NEXT_QUARTER', undefined, '2024-07-01', '2024-10-01'],
    ['LAST_YEAR', undefined, '2023-01-01', '2024-01-01'],
    ['THIS_YEAR', undefined, '2024-01-01', '2025-01-01'],
    ['NEXT_YEAR', undefined, '2025-01-01', '2026-01-01'],
    ['LAST_FISCAL_QUARTER', undefined, '2024-01-01', '2024-04-01'],
    ['THIS_FISCAL_QUARTER', undefined, '2024-04-01', '2024-07-01'],
    ['NEXT_FISCAL_QUARTER', undefined, '2024-07-01', '2024-10-01'],
    ['LAST_FISCAL_YEAR', undefined, '2023-01-01', '2024-01-01'],
    ['THIS_FISCAL_YEAR', undefined, '2024-01-01', '2025-01-01'],
    ['NEXT_FISCAL_YEAR', undefined, '2025-01-01', '2026-01-01'],
    ['LAST_N_DAYS', 1, '2024-05-14', '2024-05-16'],
    ['LAST_N_DAYS', 7, '2024-05-08', '2024-05-16'],
    ['NEXT_N_DAYS', 7, '2024-05-16', '2024-05-23'],
    ['N_DAYS_AGO', 7, '2024-05-08', '2024-05-09'],
    ['LAST_N_WEEKS', 2, '2024-04-28', '2024-05-12'],
    ['NEXT_N_WEEKS', 2, '2024-05-19', '2024-06-02'],
    ['N_WEEKS_AGO', 2, '2024-04-28', '2024-05-05'],
    ['LAST_N_MONTHS', 2, '2024-03-01', '2024-05-01'],
    ['NEXT_N_MONTHS', 2, '2024-06-01', '2024-08-01'],
    ['N_MONTHS_AGO', 2, '2024-03-01', '2024-04-01'],
    ['LAST_N_QUARTERS', 2, '2023-10-01', '2024-04-01'],
    ['NEXT_N_QUARTERS', 2, '2024-07-01', '2025-01-01'],
    ['N_QUARTERS_AGO', 2, '2023-10-01', '2024-01-01'],
    ['LAST_N_YEARS', 2, '2022-01-01', '2024-01-01'],
    ['NEXT_N_YEARS', 2, '2025-01-01', '2027-01-01'],
    ['N_YEARS_AGO', 2, '2022-01-01', '2023-01-01'],
    ['LAST_N_FISCAL_QUARTERS', 2, '2023-10-01', '2024-04-01'],
    ['NEXT_N_FISCAL_QUARTERS', 2, '2024-07-01', '2025-01-01'],
    ['N_FISCAL_QUARTERS_AGO', 2, '2023-10-01', '2024-01-01'],
    ['LAST_N_FISCAL_YEARS', 2, '2022-01-01', '2024-01-01'],
    ['NEXT_N_FISCAL_YEARS', 2, '2025-01-01', '2027-01-01'],
    ['N_FISCAL_YEARS_AGO', 2, '2022-01-01', '2023-01-01'],
  ])('does cover the right UTC days for %s:%s', (name, n, start, end) => {
    expect(dateLiteralRange(name, n, NOW)).toEqual({ start: day(start), end: day(end) });
  });

  it.each([
    // A week starts on Sunday at 00:00 GMT and ends before the next one.
    ['2024-05-12T00:00:00.000Z', 'THIS_WEEK', undefined, '2024-05-12', '2024-05-19'],
    ['2024-05-11T23:59:59.999Z', 'THIS_WEEK', undefined, '2024-05-05', '2024-05-12'],
    ['2024-05-18T23:59:59.999Z', 'LAST_WEEK', undefined, '2024-05-05', '2024-05-12'],
    // Across the end of a year, a quarter and February of a leap year.
    ['2024-12-31T23:59:59.999Z', 'TOMORROW', undefined, '2025-01-01', '2025-01-02'],
    ['2024-12-31T23:59:59.999Z', 'NEXT_MONTH', undefined, '2025-01-01', '2025-02-01'],
    ['2024-12-31T23:59:59.999Z', 'NEXT_QUARTER', undefined, '2025-01-01', '2025-04-01'],
    ['2024-01-01T00:00:00.000Z', 'YESTERDAY', undefined, '2023-12-31', '2024-01-01'],
    ['2024-01-01T00:00:00.000Z', 'LAST_QUARTER', undefined, '2023-10-01', '2024-01-01'],
    ['2024-03-31T12:00:00.000Z', 'N_MONTHS_AGO', 1, '2024-02-01', '2024-03-01'],
    ['2024-03-01T00:00:00.000Z', 'LAST_N_DAYS', 1, '2024-02-29', '2024-03-02'],
  ])('does start the range at GMT midnight at %s for %s:%s', (at, name, n, start, end) => {
    expect(dateLiteralRange(name, n, new Date(at))).toEqual({ start: day(start), end: day(end) });
  });

  it('does return undefined for an unknown name or a missing number', () => {
    expect(dateLiteralRange('SOMEDAY', undefined, NOW)).toBeUndefined();
    expect(dateLiteralRange('LAST_N_DAYS', undefined, NOW)).toBeUndefined();
    expect(dateLiteralRange('TODAY', 2, NOW)).toBeUndefined();
  });
});

describe('every operator against a week on the org clock', () => {
  let org: SoqlFixture;

  // Both sides of THIS_WEEK (Sunday 2024-05-12 to Saturday 2024-05-18) at NOW, and an unset value.
  beforeEach(() => {
    org = createSoqlFixture();
    const issued = [
      ['before', '2024-05-11T23:59:59.999Z', '2024-05-11'],
      ['first', '2024-05-12T00:00:00.000Z', '2024-05-12'],
      ['last', '2024-05-18T23:59:59.999Z', '2024-05-18'],
      ['after', '2024-05-19T00:00:00.000Z', '2024-05-19'],
    ];
    for (const [name, at, date] of issued) {
      org.insert(org.invoice, { Name: name ?? '', AFLO__Issued__c: new Date(at ?? '') });
      org.insert(org.account, { Name: name ?? '', Founded__c: date ?? '' });
    }
    org.insert(org.invoice, { Name: 'unset', AFLO__Issued__c: null });
    org.insert(org.account, { Name: 'unset', Founded__c: null });
  });

  afterEach(() => org.close());

  it.each([
    ['=', ['first', 'last']],
    ['!=', ['unset', 'before', 'after']],
    ['<', ['before']],
    ['<=', ['before', 'first', 'last']],
    ['>', ['after']],
    ['>=', ['first', 'last', 'after']],
  ])('does compare %s THIS_WEEK on a datetime and on a date field', (operator, expected) => {
    const datetime = `SELECT Name FROM AFLO__Invoice__c WHERE AFLO__Issued__c ${operator} THIS_WEEK ORDER BY AFLO__Issued__c`;
    const date = `SELECT Name FROM Account WHERE Founded__c ${operator} THIS_WEEK ORDER BY Founded__c`;
    expect(org.values(datetime, 'Name')).toEqual(expected);
    expect(org.values(date, 'Name')).toEqual(expected);
  });

  it('does move with the now it is given', () => {
    const soql = 'SELECT Name FROM Account WHERE Founded__c = LAST_WEEK ORDER BY Founded__c';
    const nextWeek = new Date('2024-05-22T09:00:00.000Z');
    expect(org.values(soql, 'Name')).toEqual(['before']);
    expect(org.values(soql, 'Name', { now: nextWeek })).toEqual(['first', 'last']);
  });
});

describe('date and datetime filters', () => {
  let org: SoqlFixture;

  beforeEach(() => {
    org = createSoqlFixture();
    const at = (iso: string): Date => new Date(iso);
    org.insert(org.invoice, { Name: 'yesterday', AFLO__Issued__c: at('2024-05-14T23:59:59.999Z') });
    org.insert(org.invoice, { Name: 'today', AFLO__Issued__c: at('2024-05-15T00:00:00.000Z') });
    org.insert(org.invoice, { Name: 'tomorrow', AFLO__Issued__c: at('2024-05-16T08:00:00.000Z') });
    org.insert(org.invoice, { Name: 'unset', AFLO__Issued__c: null });
    org.insert(org.account, { Name: 'old', Founded__c: '1999-12-31' });
    org.insert(org.account, { Name: 'recent', Founded__c: '2024-05-10' });
  });

  afterEach(() => org.close());

  const issued = (where: string, binds?: Record<string, Date | string>): unknown[] =>
    org.values(
      `SELECT Name FROM AFLO__Invoice__c WHERE ${where} ORDER BY AFLO__Issued__c`,
      'Name',
      {
        binds,
      },
    );

  it('refuses a date literal whose range reaches past the dates it can compare, on either type', () => {
    expect(() => issued('AFLO__Issued__c = LAST_N_YEARS:999999')).toThrow(
      /MALFORMED_QUERY|LAST_N_YEARS:999999 reaches past the dates/,
    );
    expect(() =>
      org.values('SELECT Name FROM Account WHERE Founded__c = NEXT_N_YEARS:99999999', 'Name'),
    ).toThrow(/reaches past the dates SOQL can compare/);
  });

  it('does treat = as within, < as before and > as after a date literal on datetimes', () => {
    expect(issued('AFLO__Issued__c = TODAY')).toEqual(['today']);
    expect(issued('AFLO__Issued__c < today')).toEqual(['yesterday']);
    expect(issued('AFLO__Issued__c <= TODAY')).toEqual(['yesterday', 'today']);
    expect(issued('AFLO__Issued__c > TODAY')).toEqual(['tomorrow']);
    expect(issued('AFLO__Issued__c >= TODAY')).toEqual(['today', 'tomorrow']);
    expect(issued('AFLO__Issued__c != TODAY')).toEqual(['unset', 'yesterday', 'tomorrow']);
    expect(issued('AFLO__Issued__c = LAST_N_DAYS:1')).toEqual(['yesterday', 'today']);
    expect(issued('AFLO__Issued__c IN (YESTERDAY, TOMORROW)')).toEqual(['yesterday', 'tomorrow']);
  });

  it('does compare datetime literals with a Z or an offset', () => {
    expect(issued('AFLO__Issued__c = 2024-05-15T00:00:00Z')).toEqual(['today']);
    expect(issued('AFLO__Issued__c = 2024-05-15T02:00:00+02:00')).toEqual(['today']);
    expect(issued('AFLO__Issued__c > 2024-05-15T09:00:00.000+0100')).toEqual(['tomorrow']);
  });

  it('does compare datetimes with Date and ISO string binds', () => {
    const midnight = new Date('2024-05-15T00:00:00Z');
    expect(issued('AFLO__Issued__c < :t', { t: midnight })).toEqual(['yesterday']);
    expect(issued('AFLO__Issued__c >= :t', { t: '2024-05-16T00:00:00Z' })).toEqual(['tomorrow']);
  });

  it('does filter date fields with date values, date literals and binds', () => {
    const founded = (where: string, binds?: Record<string, Date | string>): unknown[] =>
      org.values(`SELECT Name FROM Account WHERE ${where}`, 'Name', { binds });
    expect(founded('Founded__c = 1999-12-31')).toEqual(['old']);
    expect(founded('Founded__c = THIS_MONTH')).toEqual(['recent']);
    expect(founded('Founded__c < LAST_N_DAYS:30')).toEqual(['old']);
    expect(founded('Founded__c = :d', { d: '2024-05-10' })).toEqual(['recent']);
    expect(founded('Founded__c > :d', { d: new Date('2000-01-01T00:00:00Z') })).toEqual(['recent']);
  });
});
