/**
 * Static methods of the platform's value classes (`String.valueOf`, `Integer.valueOf`,
 * `Date.today`, `Math.mod`, …) and of `Limits`, keyed `class.method` in lower case. With
 * `System.*` (system-methods.ts) and `Database.*` (database-methods.ts) they are every static
 * method a script can call; any other is an unsupported construct or an unknown method.
 */

import { ApexException } from '../errors.ts';
import { toId18 } from '../ids.ts';
import { DATABASE_METHODS } from './database-methods.ts';
import { formatApexValue, formatTyped } from './format.ts';
import type { ApexValue } from './host.ts';
import type { StaticCall } from './ir.ts';
import { LIMIT_NAMES } from './limit-names.ts';
import { firstOf, overload, type StaticMethod } from './method-types.ts';
import { dateOf } from './primitive-methods.ts';
import {
  BOOLEAN,
  ID,
  INTEGER,
  isNumeric,
  primitive,
  STRING,
  type StaticType,
} from './static-types.ts';
import { SYSTEM_METHODS } from './system-methods.ts';
import { nullPointer } from './exceptions.ts';

const DATE = primitive('Date');
const DATETIME = primitive('Datetime');
const DECIMAL = primitive('Decimal');
const DOUBLE = primitive('Double');
const LONG = primitive('Long');

function simple(
  apexName: string,
  params: readonly StaticType[],
  returns: StaticType,
  call: StaticCall,
): StaticMethod {
  return { apexName, bind: overload(params, returns, call) };
}

function overloads(
  apexName: string,
  candidates: ReadonlyArray<ReturnType<typeof overload<StaticCall>>>,
): StaticMethod {
  return { apexName, bind: (argTypes) => firstOf(candidates, argTypes) };
}

const blank = (value: ApexValue | undefined): boolean =>
  value === null || value === undefined || String(value).trim() === '';
const empty = (value: ApexValue | undefined): boolean =>
  value === null || value === undefined || String(value) === '';

/** `String.valueOf(x)`: the text Apex prints for a value of the argument's type. */
const valueOf: StaticMethod = {
  apexName: 'String.valueOf',
  bind: (argTypes) => {
    const [type] = argTypes;
    if (argTypes.length !== 1 || type === undefined || type.kind === 'void') return undefined;
    return {
      call: ([value], runtime) => formatTyped(value ?? null, type, runtime.classOf),
      returns: STRING,
    };
  },
};

/** `Integer.valueOf('12')`, `Decimal.valueOf('1.5')`: a number, or `Invalid integer: x`. */
function parseNumber(kind: 'integer' | 'decimal', integral: boolean): StaticCall {
  return ([value]) => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return integral ? Math.trunc(value) : value;
    const text = String(value).trim();
    const pattern = integral ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    if (!pattern.test(text))
      throw new ApexException('System.TypeException', `Invalid ${kind}: ${String(value)}`);
    return Number(text);
  };
}

function numberOf(name: string, kind: 'integer' | 'decimal', returns: StaticType): StaticMethod {
  const integral = kind === 'integer';
  return {
    apexName: `${name}.valueOf`,
    bind: (argTypes) => {
      const [type] = argTypes;
      const accepted =
        argTypes.length === 1 &&
        type !== undefined &&
        (isNumeric(type) ||
          type.kind === 'null' ||
          type.kind === 'unknown' ||
          (type.kind === 'primitive' && (type.name === 'String' || type.name === 'Object')));
      return accepted ? { call: parseNumber(kind, integral), returns } : undefined;
    },
  };
}

const idValueOf = simple('Id.valueOf', [STRING], ID, ([value]) => {
  if (value === null || value === undefined) return null;
  const id = toId18(String(value));
  if (id === undefined)
    throw new ApexException('System.StringException', `Invalid id: ${String(value)}`);
  return id;
});

function requireInt(value: ApexValue | undefined): number {
  if (value === null || value === undefined) throw nullPointer();
  return Number(value);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const dateNewInstance = simple('Date.newInstance', [INTEGER, INTEGER, INTEGER], DATE, ([y, m, d]) =>
  dateOf(new Date(Date.UTC(requireInt(y), requireInt(m) - 1, requireInt(d)))),
);

const dateValueOf = simple('Date.valueOf', [STRING], DATE, ([value]) => {
  if (value === null || value === undefined) return null;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(String(value));
  if (match === null)
    throw new ApexException('System.TypeException', `Invalid date: ${String(value)}`);
  return `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`;
});

const datetimeNewInstanceGmt = overloads('Datetime.newInstanceGmt', [
  overload(
    [INTEGER, INTEGER, INTEGER],
    DATETIME,
    ([y, m, d]) => new Date(Date.UTC(requireInt(y), requireInt(m) - 1, requireInt(d))),
  ),
  overload(
    [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER],
    DATETIME,
    ([y, m, d, h, mi, s]) =>
      new Date(
        Date.UTC(
          requireInt(y),
          requireInt(m) - 1,
          requireInt(d),
          requireInt(h),
          requireInt(mi),
          requireInt(s),
        ),
      ),
  ),
]);

function math(name: string, arity: 1 | 2, compute: (a: number, b: number) => number): StaticMethod {
  return {
    apexName: `Math.${name}`,
    bind: (argTypes) => {
      if (argTypes.length !== arity || !argTypes.every(isNumeric)) return undefined;
      const returns = argTypes.every((t) => t.kind === 'primitive' && t.name === 'Integer')
        ? INTEGER
        : DECIMAL;
      return { call: (args) => compute(requireInt(args[0]), requireInt(args[1] ?? 0)), returns };
    },
  };
}

const mathMod = math('mod', 2, (a, b) => {
  if (b === 0) throw new ApexException('System.MathException', 'Divide by 0');
  return a % b;
});

const stringJoin: StaticMethod = {
  apexName: 'String.join',
  bind: (argTypes) => {
    const [items, separator] = argTypes;
    const iterable = items?.kind === 'list' || items?.kind === 'set';
    if (argTypes.length !== 2 || !iterable || separator === undefined) return undefined;
    return overload<StaticCall>([items, STRING], STRING, (args, runtime) => {
      const [values, sep] = args;
      if (values === null || values === undefined) throw nullPointer();
      return [...(values as Iterable<ApexValue>)]
        .map((value) => formatApexValue(value, runtime.classOf))
        .join(String(sep ?? ''));
    })(argTypes);
  },
};

const LIMITS_METHODS: StaticMethod[] = LIMIT_NAMES.map((name) =>
  simple(`Limits.${name}`, [], INTEGER, (_args, runtime) => runtime.host.limit(name)),
);

const VALUE_METHODS: StaticMethod[] = [
  valueOf,
  simple('String.isBlank', [STRING], BOOLEAN, ([s]) => blank(s)),
  simple('String.isNotBlank', [STRING], BOOLEAN, ([s]) => !blank(s)),
  simple('String.isEmpty', [STRING], BOOLEAN, ([s]) => empty(s)),
  simple('String.isNotEmpty', [STRING], BOOLEAN, ([s]) => !empty(s)),
  stringJoin,
  numberOf('Integer', 'integer', INTEGER),
  numberOf('Long', 'integer', LONG),
  numberOf('Decimal', 'decimal', DECIMAL),
  numberOf('Double', 'decimal', DOUBLE),
  idValueOf,
  simple('Date.today', [], DATE, (_args, runtime) => dateOf(runtime.host.now())),
  dateNewInstance,
  dateValueOf,
  simple('Datetime.now', [], DATETIME, (_args, runtime) => runtime.host.now()),
  datetimeNewInstanceGmt,
  math('abs', 1, (a) => Math.abs(a)),
  math('max', 2, (a, b) => Math.max(a, b)),
  math('min', 2, (a, b) => Math.min(a, b)),
  mathMod,
];

/** Every static method a script can call, keyed `class.method` in lower case. */
export const STATIC_METHODS: ReadonlyMap<string, StaticMethod> = new Map([
  ...SYSTEM_METHODS,
  ...DATABASE_METHODS,
  ...[...VALUE_METHODS, ...LIMITS_METHODS].map((method): [string, StaticMethod] => [
    method.apexName.toLowerCase(),
    method,
  ]),
]);
