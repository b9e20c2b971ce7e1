/**
 * Reads the two day fields, which take more than the plain list syntax: `?` (no specific value),
 * `L` (last), `W` (nearest weekday) in Day_of_month, and `L` and `#` (nth) in Day_of_week.
 * Exactly one of the two fields must be `?`; the caller checks that both are not specified.
 */

import { CronExpressionError, cronMessages } from './cron-expression-error.ts';
import { DAY_OF_MONTH, DAY_OF_WEEK } from './cron-fields.ts';
import type { DayOfMonthRule, DayOfWeekRule } from './cron-fields.ts';
import { parseValue, parseValueList } from './cron-value-list.ts';

/** Parses Day_of_month: `?`, `*`, a list, `L`, `LW` or `15W`. */
export function parseDayOfMonth(token: string): DayOfMonthRule {
  const upper = token.toUpperCase();
  if (upper.startsWith('?')) return noSpecificValue(upper);
  if (upper.includes('?')) {
    throw new CronExpressionError(cronMessages.questionMarkAlone(DAY_OF_MONTH.label, token));
  }

  if (/[LW]/.test(upper)) {
    const special = parseLastOrNearestWeekday(upper, token);
    if (special !== undefined) return special;
  }

  const days = parseValueList(token, DAY_OF_MONTH);
  return days === 'every' ? { kind: 'every' } : { kind: 'days', days };
}

/**
 * Parses Day_of_week: `?`, `*`, a list (1 = Sunday), `L` (Saturday), `6L` or `2#1`.
 * `dayOfMonth` is the rule already read, for the platform's check that only one field is `?`.
 */
export function parseDayOfWeek(token: string, dayOfMonth: DayOfMonthRule): DayOfWeekRule {
  const upper = token.toUpperCase();
  if (upper.startsWith('?')) {
    const rule = noSpecificValue(upper);
    if (dayOfMonth.kind === 'unspecified') {
      throw new CronExpressionError(cronMessages.questionMarkTwice);
    }
    return rule;
  }
  if (upper.includes('?')) {
    throw new CronExpressionError(cronMessages.questionMarkAlone(DAY_OF_WEEK.label, token));
  }

  // Quartz's own refusals, checked on the whole field before its values.
  if ((upper.match(/#/g) ?? []).length > 1) throw new CronExpressionError(cronMessages.multipleNth);
  if (upper.includes('L') && upper.length > 1 && upper.includes(',')) {
    throw new CronExpressionError(cronMessages.lastWithOtherWeekdays);
  }

  if (upper === 'L') return { kind: 'days', days: [7] };
  if (upper.endsWith('L')) return lastOfMonth(upper, token);
  if (upper.includes('#')) return nthOfMonth(upper, token);

  const days = parseValueList(token, DAY_OF_WEEK);
  return days === 'every' ? { kind: 'every' } : { kind: 'days', days };
}

/** `?`, which must stand alone. */
function noSpecificValue(upper: string): { kind: 'unspecified' } {
  const next = upper[1];
  if (next !== undefined) throw new CronExpressionError(cronMessages.afterQuestionMark(next));
  return { kind: 'unspecified' };
}

/** `L`, `LW`, `15W`; undefined when the field is something else that the list parser reports. */
function parseLastOrNearestWeekday(upper: string, token: string): DayOfMonthRule | undefined {
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  if (upper.includes(',') && upper.includes('L')) {
    throw new CronExpressionError(cronMessages.lastWithOtherMonthDays);
  }
  if (/^L-\d+W?$/.test(upper)) throw new CronExpressionError(cronMessages.lastDayOffset(token));

  const nearest = /^(\d+)W$/.exec(upper);
  if (nearest?.[1] !== undefined) {
    const day = Number(nearest[1]);
    if (day > DAY_OF_MONTH.max) throw new CronExpressionError(cronMessages.weekdayPastMonthEnd);
    return { kind: 'nearestWeekday', day: parseValue(nearest[1], upper, DAY_OF_MONTH) };
  }
  if (upper.includes('W') && /[,*/-]/.test(upper)) {
    throw new CronExpressionError(cronMessages.nearestWeekdayAlone(token));
  }
  return undefined;
}

/** `6L` or `FRIL`: the last such weekday of the month. */
function lastOfMonth(upper: string, token: string): DayOfWeekRule {
  const match = /^(\d+|[A-Z]{3})L$/.exec(upper);
  if (match?.[1] === undefined) {
    throw new CronExpressionError(cronMessages.lastWeekdayAlone(token));
  }
  return { kind: 'last', day: parseValue(match[1], upper, DAY_OF_WEEK) };
}

/** `2#1` or `MON#1`: the nth such weekday of the month, n from 1 to 5. */
function nthOfMonth(upper: string, token: string): DayOfWeekRule {
  const match = /^(\d+|[A-Z]+)#(.*)$/.exec(upper);
  if (match?.[1] === undefined || match[2] === undefined || upper.includes(',')) {
    throw new CronExpressionError(cronMessages.nthAlone(token));
  }
  const day = parseValue(match[1], upper, DAY_OF_WEEK);
  if (!/^[1-5]$/.test(match[2])) throw new CronExpressionError(cronMessages.nthNeedsNumber);
  return { kind: 'nth', day, nth: Number(match[2]) };
}
