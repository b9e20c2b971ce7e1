/**
 * Instance methods of String, Id, Date and Datetime. A Date is held as `YYYY-MM-DD` and a
 * Datetime as a JS Date; both compute in GMT, the org's time zone (see docs/fidelity.md).
 */

import { ApexException } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { ApexValue } from './host.ts';
import type { InstanceCall, Target } from './ir.ts';
import { byName, firstOf, overload, type InstanceMethod } from './method-types.ts';
import {
  BOOLEAN,
  INTEGER,
  listOf,
  OBJECT,
  primitive,
  STRING,
  type PrimitiveName,
  type StaticType,
} from './static-types.ts';
import { nullPointer } from './exceptions.ts';

type Overloads = ReadonlyArray<ReturnType<typeof overload<InstanceCall>>>;

function method(name: string, overloads: Overloads): InstanceMethod {
  return { name, bind: (_target, argTypes) => firstOf(overloads, argTypes) };
}

const text = (t: Target): string => t as string;

function argText(value: ApexValue | undefined): string {
  if (value === null || value === undefined) throw nullPointer();
  return String(value);
}

function argNumber(value: ApexValue | undefined): number {
  if (value === null || value === undefined) throw nullPointer();
  return Number(value);
}

/** `'abc'.substring(1, 2)` with Apex's bounds checks. */
function substring(s: string, start: number, end: number): string {
  if (start < 0 || start > s.length) {
    throw new ApexException('System.StringException', `Starting position out of bounds: ${start}`);
  }
  if (end > s.length || end < start) {
    throw new ApexException('System.StringException', `Ending position out of bounds: ${end}`);
  }
  return s.slice(start, end);
}

/** Java's `String.split`: a regular expression, trailing empty strings dropped. */
function split(s: string, regex: string): string[] {
  const parts = s.split(new RegExp(regex));
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return s === '' ? [''] : parts;
}

const STRING_METHODS = byName<InstanceMethod>([
  method('length', [overload([], INTEGER, (t) => text(t).length)]),
  method('toUpperCase', [overload([], STRING, (t) => text(t).toUpperCase())]),
  method('toLowerCase', [overload([], STRING, (t) => text(t).toLowerCase())]),
  method('trim', [overload([], STRING, (t) => text(t).trim())]),
  method('capitalize', [
    overload([], STRING, (t) => text(t).charAt(0).toUpperCase() + text(t).slice(1)),
  ]),
  method('reverse', [overload([], STRING, (t) => [...text(t)].reverse().join(''))]),
  method('contains', [overload([STRING], BOOLEAN, (t, [s]) => text(t).includes(argText(s)))]),
  method('containsIgnoreCase', [
    overload([STRING], BOOLEAN, (t, [s]) =>
      text(t).toLowerCase().includes(argText(s).toLowerCase()),
    ),
  ]),
  method('startsWith', [overload([STRING], BOOLEAN, (t, [s]) => text(t).startsWith(argText(s)))]),
  method('endsWith', [overload([STRING], BOOLEAN, (t, [s]) => text(t).endsWith(argText(s)))]),
  method('equals', [overload([OBJECT], BOOLEAN, (t, [s]) => text(t) === s)]),
  method('equalsIgnoreCase', [
    overload(
      [STRING],
      BOOLEAN,
      (t, [s]) => typeof s === 'string' && text(t).toLowerCase() === s.toLowerCase(),
    ),
  ]),
  method('indexOf', [overload([STRING], INTEGER, (t, [s]) => text(t).indexOf(argText(s)))]),
  method('substring', [
    overload([INTEGER], STRING, (t, [a]) => substring(text(t), argNumber(a), text(t).length)),
    overload([INTEGER, INTEGER], STRING, (t, [a, b]) =>
      substring(text(t), argNumber(a), argNumber(b)),
    ),
  ]),
  method('left', [
    overload([INTEGER], STRING, (t, [n]) => text(t).slice(0, Math.max(0, argNumber(n)))),
  ]),
  method('right', [
    overload([INTEGER], STRING, (t, [n]) =>
      argNumber(n) <= 0 ? '' : text(t).slice(-argNumber(n)),
    ),
  ]),
  method('replace', [
    overload([STRING, STRING], STRING, (t, [a, b]) => text(t).split(argText(a)).join(argText(b))),
  ]),
  method('split', [
    overload([STRING], listOf(STRING), (t, [regex]) => split(text(t), argText(regex))),
  ]),
]);

const ID_METHODS = byName<InstanceMethod>([
  method('to15', [overload([], STRING, (t) => (toId18(text(t)) ?? text(t)).slice(0, 15))]),
]);

const DATE = primitive('Date');
const DATETIME = primitive('Datetime');
const LONG = primitive('Long');

/** A `YYYY-MM-DD` Date as midnight GMT. */
function dateAsUtc(t: Target): Date {
  return new Date(`${text(t)}T00:00:00.000Z`);
}

export function dateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping the day to the month's end as Apex does (Jan 31 + 1 → Feb 28). */
function addMonths(instant: Date, months: number): Date {
  const result = new Date(instant.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

const DAY_MS = 86_400_000;

const DATE_METHODS = byName<InstanceMethod>([
  method('addDays', [
    overload([INTEGER], DATE, (t, [n]) =>
      dateOf(new Date(dateAsUtc(t).getTime() + argNumber(n) * DAY_MS)),
    ),
  ]),
  method('addMonths', [
    overload([INTEGER], DATE, (t, [n]) => dateOf(addMonths(dateAsUtc(t), argNumber(n)))),
  ]),
  method('addYears', [
    overload([INTEGER], DATE, (t, [n]) => dateOf(addMonths(dateAsUtc(t), 12 * argNumber(n)))),
  ]),
  method('year', [overload([], INTEGER, (t) => dateAsUtc(t).getUTCFullYear())]),
  method('month', [overload([], INTEGER, (t) => dateAsUtc(t).getUTCMonth() + 1)]),
  method('day', [overload([], INTEGER, (t) => dateAsUtc(t).getUTCDate())]),
  method('daysBetween', [
    overload([DATE], INTEGER, (t, [other]) =>
      Math.round((dateAsUtc(argText(other)).getTime() - dateAsUtc(t).getTime()) / DAY_MS),
    ),
  ]),
]);

const instant = (t: Target): Date => t as Date;
const plus = (t: Target, ms: number): Date => new Date(instant(t).getTime() + ms);

const DATETIME_METHODS = byName<InstanceMethod>([
  method('addDays', [overload([INTEGER], DATETIME, (t, [n]) => plus(t, argNumber(n) * DAY_MS))]),
  method('addHours', [
    overload([INTEGER], DATETIME, (t, [n]) => plus(t, argNumber(n) * 3_600_000)),
  ]),
  method('addMinutes', [overload([INTEGER], DATETIME, (t, [n]) => plus(t, argNumber(n) * 60_000))]),
  method('addSeconds', [overload([INTEGER], DATETIME, (t, [n]) => plus(t, argNumber(n) * 1000))]),
  method('getTime', [overload([], LONG, (t) => instant(t).getTime())]),
  method('date', [overload([], DATE, (t) => dateOf(instant(t)))]),
  method('dateGmt', [overload([], DATE, (t) => dateOf(instant(t)))]),
  method('year', [overload([], INTEGER, (t) => instant(t).getUTCFullYear())]),
  method('month', [overload([], INTEGER, (t) => instant(t).getUTCMonth() + 1)]),
  method('day', [overload([], INTEGER, (t) => instant(t).getUTCDate())]),
  method('hour', [overload([], INTEGER, (t) => instant(t).getUTCHours())]),
  method('minute', [overload([], INTEGER, (t) => instant(t).getUTCMinutes())]),
]);

const BY_PRIMITIVE: Partial<Record<PrimitiveName, ReadonlyMap<string, InstanceMethod>>> = {
  String: STRING_METHODS,
  Id: ID_METHODS,
  Date: DATE_METHODS,
  Datetime: DATETIME_METHODS,
};

/** The methods of a primitive type, keyed by lower-case name. */
export function primitiveMethods(
  type: StaticType,
): ReadonlyMap<string, InstanceMethod> | undefined {
  return type.kind === 'primitive' ? BY_PRIMITIVE[type.name] : undefined;
}
