/**
 * Translates parsed Salesforce cron fields into a pattern for croner, the library that does the
 * calendar and time-zone arithmetic. Every field goes over as explicit numbers, so none of the
 * dialect differences reach croner:
 *
 * - croner numbers Sunday 0 (Salesforce 1), so days of the week move down by one;
 * - croner refuses `start/step` (`0/6`) and wrapping ranges (`22-2`): lists are already expanded;
 * - croner reads `?` as `*` and, by default, ORs the two day fields: the `?` field goes over as
 *   `*` and the fields are ANDed (`domAndDow`), so only the specified one counts;
 * - croner writes the last Friday as `5#L` where Salesforce writes `6L`.
 */

import type { CronOptions } from 'croner';

import type { CronFields, DayOfMonthRule, DayOfWeekRule, FieldValues } from './cron-fields.ts';

/** The croner pattern for `fields`: seconds, minutes, hours, day, month, weekday, year. */
export function toCronerPattern(fields: CronFields): string {
  return [
    String(fields.second),
    String(fields.minute),
    values(fields.hours),
    dayOfMonth(fields.dayOfMonth),
    values(fields.months),
    dayOfWeek(fields.dayOfWeek),
    values(fields.years),
  ].join(' ');
}

/** The croner options that go with the pattern, for evaluation in `timeZone` (IANA). */
export function cronerOptions(timeZone: string): CronOptions {
  return { mode: '7-part', domAndDow: true, timezone: timeZone, paused: true };
}

function values(field: FieldValues): string {
  return field === 'every' ? '*' : field.join(',');
}

function dayOfMonth(rule: DayOfMonthRule): string {
  switch (rule.kind) {
    case 'unspecified':
    case 'every':
      return '*';
    case 'days':
      return rule.days.join(',');
    case 'last':
      return 'L';
    case 'lastWeekday':
      return 'LW';
    case 'nearestWeekday':
      return `${rule.day}W`;
  }
}

function dayOfWeek(rule: DayOfWeekRule): string {
  switch (rule.kind) {
    case 'unspecified':
    case 'every':
      return '*';
    case 'days':
      return rule.days.map(cronerWeekday).join(',');
    case 'last':
      return `${cronerWeekday(rule.day)}#L`;
    case 'nth':
      return `${cronerWeekday(rule.day)}#${rule.nth}`;
  }
}

/** Salesforce 1 (Sunday) … 7 (Saturday) to croner 0 … 6. */
function cronerWeekday(day: number): number {
  return day - 1;
}
