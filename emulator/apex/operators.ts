/**
 * Apex operators for the operand types the compiler sees: which function runs and what type the
 * result has, or the platform's compile problem. Integer arithmetic wraps at 32 bits as Apex's
 * does; Long, Decimal and Double arithmetic is JavaScript's (see docs/fidelity.md). A null
 * operand is a NullPointerException, except in `==`, `!=`, `+` on strings and comparisons.
 */

import { ApexException } from '../errors.ts';
import { nullPointer } from './exceptions.ts';
import type { ApexValue } from './host.ts';
import type { BinaryOperator, UnaryOperator } from './ir.ts';
import { formatTyped } from './format.ts';
import {
  BOOLEAN,
  isAssignable,
  isNumeric,
  isPrimitive,
  isText,
  primitive,
  STRING,
  typeName,
  type PrimitiveName,
  type StaticType,
} from './static-types.ts';
import { apexEquals, compareValues, requireBoolean, type StringEquality } from './values.ts';

/** An operator the compiler chose, or why it can't apply to these operand types. */
export type OperatorChoice =
  { readonly op: BinaryOperator; readonly type: StaticType } | { readonly problem: string };

export type ArithmeticSymbol = '+' | '-' | '*' | '/';
export type ComparisonSymbol = '<' | '<=' | '>' | '>=';

const NUMERIC_ORDER: readonly PrimitiveName[] = ['Integer', 'Long', 'Double', 'Decimal'];

/** The numeric type of `a op b`: the wider of the two (a NULL operand takes the other's type). */
function widerNumeric(left: StaticType, right: StaticType): PrimitiveName | undefined {
  const names = [left, right].flatMap((type) =>
    type.kind === 'primitive' && isNumeric(type) ? [type.name] : [],
  );
  if (names.length === 0) return undefined;
  return names.reduce((a, b) => (NUMERIC_ORDER.indexOf(a) >= NUMERIC_ORDER.indexOf(b) ? a : b));
}

/** `+ - * /`; `+` joins as text when either side is a String or an Id. */
export function arithmetic(
  symbol: ArithmeticSymbol,
  left: StaticType,
  right: StaticType,
): OperatorChoice {
  if (symbol === '+' && (isText(left) || isText(right))) {
    const op: BinaryOperator = (a, b, runtime) =>
      formatTyped(a, left, runtime.classOf) + formatTyped(b, right, runtime.classOf);
    return { op, type: STRING };
  }

  const numericOperands = [left, right].every((type) => isNumeric(type) || type.kind === 'null');
  const kind = widerNumeric(left, right);
  if (!numericOperands || kind === undefined) {
    return { problem: 'Arithmetic expressions must use numeric arguments' };
  }
  return { op: numericOperator(symbol, kind), type: primitive(kind) };
}

function numericOperator(symbol: ArithmeticSymbol, kind: PrimitiveName): BinaryOperator {
  const wraps = kind === 'Integer';
  const integral = kind === 'Integer' || kind === 'Long';
  const compute = (a: number, b: number): number => {
    switch (symbol) {
      case '+':
        return wraps ? (a + b) | 0 : a + b;
      case '-':
        return wraps ? (a - b) | 0 : a - b;
      case '*':
        return wraps ? Math.imul(a, b) : a * b;
      case '/':
        if (b === 0) throw new ApexException('System.MathException', 'Divide by 0');
        if (!integral) return a / b;
        return wraps ? Math.trunc(a / b) | 0 : Math.trunc(a / b);
    }
  };
  return (a, b) => compute(requireNumber(a), requireNumber(b));
}

function requireNumber(value: ApexValue): number {
  if (value === null) throw nullPointer();
  return Number(value);
}

/** `<`, `<=`, `>`, `>=` on two numbers, two strings, two Dates or two Datetimes. */
export function comparison(
  symbol: ComparisonSymbol,
  left: StaticType,
  right: StaticType,
): OperatorChoice {
  const comparable =
    (isNumeric(left) && isNumeric(right)) ||
    (isText(left) && isText(right)) ||
    (isPrimitive(left, 'Date', 'Datetime') && isPrimitive(right, 'Date', 'Datetime')) ||
    left.kind === 'null' ||
    right.kind === 'null';
  if (!comparable) return incompatible(left, right);

  const test = ORDER_TESTS[symbol];
  return { op: (a, b) => compareValues(a, b, test), type: BOOLEAN };
}

const ORDER_TESTS: Readonly<Record<ComparisonSymbol, (order: number) => boolean>> = {
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

/** `==` and `!=` (`<>`): allowed between types one of which could hold the other. */
export function equality(negated: boolean, left: StaticType, right: StaticType): OperatorChoice {
  const compatible =
    isAssignable(left, right) || isAssignable(right, left) || (isNumeric(left) && isNumeric(right));
  if (!compatible) return incompatible(left, right);

  const strings: StringEquality =
    isPrimitive(left, 'Id') || isPrimitive(right, 'Id')
      ? 'id'
      : isPrimitive(left, 'String') || isPrimitive(right, 'String')
        ? 'text'
        : 'exact';
  const op: BinaryOperator = (a, b) => apexEquals(a, b, strings) !== negated;
  return { op, type: BOOLEAN };
}

function incompatible(left: StaticType, right: StaticType): OperatorChoice {
  return {
    problem: `Comparison arguments must be compatible types: ${typeName(left)}, ${typeName(right)}`,
  };
}

/** `!b`. */
export const not: UnaryOperator = (value) => !requireBoolean(value);

/** `-n` for a numeric type (Integer wraps: `-(-2147483648)` is itself). */
export function negate(type: StaticType): UnaryOperator {
  const wraps = isPrimitive(type, 'Integer');
  return (value) => {
    const n = requireNumber(value);
    return wraps ? -n | 0 : -n;
  };
}
