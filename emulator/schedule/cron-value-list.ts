/**
 * Reads the plain parts of a cron field: lists (`,`), ranges (`-`), `*`, increments (`/`) and
 * month or day names, into the set of values they allow. This follows Quartz, whose dialect
 * Salesforce speaks:
 *
 * - `a/n` means a, a+n, … up to the field's maximum (so `7/6` in Month is July alone); with `*`
 *   or nothing before the `/`, the count starts at the field's minimum;
 * - a range may wrap (`22-2` hours, `NOV-FEB`, `FRI-MON`), except in the year.
 */

import { CronExpressionError, cronMessages } from './cron-expression-error.ts';
import type { FieldSpec, FieldValues, ValueSet } from './cron-fields.ts';

/** Parses a list field such as Hours (`8,12-14`, `0/6`), Month (`JAN-MAR`) or Year. */
export function parseValueList(token: string, spec: FieldSpec): FieldValues {
  const upper = token.toUpperCase();
  if (upper === '*') return 'every';

  const items = upper.split(',');
  if (items.includes('')) throw new CronExpressionError(cronMessages.emptyValue(spec.label, token));

  const values = new Set<number>();
  for (const item of items) {
    for (const value of parseItem(item, spec)) values.add(value);
  }
  return sorted(values);
}

/** Parses a seconds or minutes field, which takes one integer only (no `, - * /`). */
export function parseSecondOrMinute(token: string, spec: FieldSpec, text: string): number {
  if (!/^\d+$/.test(token)) {
    throw new CronExpressionError(cronMessages.secondsAndMinutesIntegers(text));
  }
  return checkedValue(Number(token), spec);
}

/** Parses one value (a number or a name) of the field, checked against its range. */
export function parseValue(part: string, item: string, spec: FieldSpec): number {
  if (/^\d+$/.test(part)) return checkedValue(Number(part), spec);

  const named = spec.names?.get(part);
  if (named !== undefined) return named;

  throw new CronExpressionError(describeBadValue(part, item, spec));
}

/** Parses the increment after `/`. */
function parseIncrement(step: string, item: string, spec: FieldSpec): number {
  if (!/^\d+$/.test(step)) throw new CronExpressionError(cronMessages.slashNeedsInteger);

  const increment = Number(step);
  if (increment === 0) throw new CronExpressionError(cronMessages.zeroIncrement(spec.label, item));
  const limit = spec.maxIncrement;
  if (limit !== undefined && increment > limit.value) {
    throw new CronExpressionError(cronMessages.incrementTooLarge(limit.message, increment));
  }
  return increment;
}

function parseItem(item: string, spec: FieldSpec): number[] {
  checkCharacters(item);

  const [base = '', step, extra] = item.split('/');
  if (extra !== undefined) throw new CronExpressionError(cronMessages.unexpectedCharacter('/'));
  const increment = step === undefined ? 1 : parseIncrement(step, item, spec);

  if (base === '*' || base === '') return expand(spec.min, spec.max, increment, spec);
  const bounds = base.split('-');
  if (bounds.length > 2 || bounds.includes('*') || bounds.includes('')) {
    throw new CronExpressionError(cronMessages.illegalRange(spec.label, item));
  }
  const start = parseValue(bounds[0] ?? '', item, spec);
  const end =
    bounds[1] !== undefined
      ? parseValue(bounds[1], item, spec)
      : step === undefined
        ? start
        : spec.max;
  return expand(start, end, increment, spec);
}

/** The values from start to end by increment, wrapping past the maximum when end < start. */
function expand(start: number, end: number, increment: number, spec: FieldSpec): number[] {
  if (end < start && !spec.wraps) throw new CronExpressionError(cronMessages.reversedYears);

  const size = spec.max - spec.min + 1;
  const stop = end < start ? end + size : end;
  const values: number[] = [];
  for (let value = start; value <= stop; value += increment) {
    values.push(spec.min + ((value - spec.min) % size));
  }
  return values;
}

function checkedValue(value: number, spec: FieldSpec): number {
  if (value < spec.min || value > spec.max) throw new CronExpressionError(spec.rangeMessage);
  return value;
}

function checkCharacters(item: string): void {
  for (const [position, character] of [...item].entries()) {
    if (/[0-9A-Z*/-]/.test(character)) continue;
    if (character === '?') throw new CronExpressionError(cronMessages.questionMarkField);
    if (character === '#') {
      throw new CronExpressionError(cronMessages.optionNotValidHere('#', position));
    }
    throw new CronExpressionError(cronMessages.unexpectedCharacter(character));
  }
}

/** Why a part that is neither a number nor a name of the field is wrong, in Quartz's words. */
function describeBadValue(part: string, item: string, spec: FieldSpec): string {
  const option = /^\d*(L|W)/.exec(part);
  if (option?.[1] !== undefined && (/^\d/.test(part) || /^(L|W|LW)$/.test(part))) {
    return cronMessages.optionNotValidHere(option[1], item.indexOf(option[1]));
  }
  if (spec.names !== undefined) return cronMessages.invalidName(spec.label, part);
  return cronMessages.illegalCharacters(part);
}

function sorted(values: Set<number>): ValueSet {
  return [...values].sort((a, b) => a - b);
}
