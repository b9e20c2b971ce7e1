import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { dateLiteralRange } from '../../../emulator/soql/date-literals.ts';
import { createSoqlFixture, NOW, type SoqlFixture } from './soql-fixture.ts';

// NOW is Wednesday 2024-05-15 12:00 UTC.
const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

describe('dateLiteralRange', () => {
  it.each([
    ['TODAY', undefined, '2024-05-15', '2024-05-16'],
    ['yesterday', undefined, '2024-05-14', '2024-05-15'],
    ['TOMORROW', undefined, '2024-05-16', '2024-05-17'],
    ['THIS_WEEK', undefined, '2024-05-12', '2024-05-19'],
    ['LAST_WEEK', undefined, '2024-05-05', '2024-05-12'],
    ['THIS_MONTH', undefined, '2024-05-01', '2024-06-01'],
    ['NEXT_MONTH', undefined, '2024-06-01', '2024-07-01'],
    ['THIS_QUARTER', undefined, '2024-04-01', '2024-07-01'],
    ['LAST_FISCAL_YEAR', undefined, '2023-01-01', '2024-01-01'],
    ['LAST_90_DAYS', undefined, '2024-02-15', '2024-05-16'],
    ['LAST_N_DAYS', 1, '2024-05-14', '2024-05-16'],
    ['NEXT_N_DAYS', 2, '2024-05-16', '2024-05-18'],
    ['N_DAYS_AGO', 3, '2024-05-12', '2024-05-13'],
    ['LAST_N_MONTHS', 2, '2024-03-01', '2024-05-01'],
    ['NEXT_N_QUARTERS', 1, '2024-07-01', '2024-10-01'],
    ['N_YEARS_AGO', 1, '2023-01-01', '2024-01-01'],
  ])('does cover the right UTC days for %s:%s', (name, n, start, end) => {
    expect(dateLiteralRange(name, n, NOW)).toEqual({ start: day(start), end: day(end) });
  });

  it('does return undefined for an unknown name or a missing number', () => {
    expect(dateLiteralRange('SOMEDAY', undefined, NOW)).toBeUndefined();
    expect(dateLiteralRange('LAST_N_DAYS', undefined, NOW)).toBeUndefined();
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
