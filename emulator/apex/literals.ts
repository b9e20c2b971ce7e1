/**
 * Literal values: strings with Apex escapes, Integer/Long/Decimal/Double numbers, booleans and
 * null. All numbers become JS numbers, so a Decimal keeps no scale (`1.50` prints `1.5`) and a
 * Long must fit in 53 bits.
 */

import type { LiteralContext } from '@apexdevtools/apex-parser';
import { problemAt, unsupported } from './compile-problem.ts';
import { NULL_TYPE, primitive, type StaticType } from './static-types.ts';

export interface LiteralValue {
  readonly value: string | number | boolean | null;
  readonly type: StaticType;
}

const INTEGER_MAX = 2 ** 31 - 1;

const ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** The value of a literal; `negated` when a unary minus precedes it (so -2147483648 fits). */
export function literalValue(ctx: LiteralContext, negated = false): LiteralValue {
  const text = ctx.getText();
  const sign = negated ? -1 : 1;
  if (ctx.StringLiteral() !== null) return stringValue(ctx, text);
  if (ctx.IntegerLiteral() !== null) return integerValue(ctx, text, sign);
  if (ctx.LongLiteral() !== null) return longValue(ctx, text.slice(0, -1), sign);
  if (ctx.NumberLiteral() !== null) return numberValue(text, sign);
  if (ctx.BooleanLiteral() !== null) return booleanValue(text);
  if (ctx.NULL() !== null) return { value: null, type: NULL_TYPE };
  throw unsupported(ctx, `literal ${text}`);
}

function stringValue(ctx: LiteralContext, text: string): LiteralValue {
  if (/[\r\n]/.test(text)) throw problemAt(ctx, 'Line breaks are not allowed in string literals');
  return { value: unescapeApexString(text.slice(1, -1)), type: primitive('String') };
}

function booleanValue(text: string): LiteralValue {
  return { value: text.toLowerCase() === 'true', type: primitive('Boolean') };
}

/** The characters an Apex string literal's body stands for (`it\'s` → `it's`). */
export function unescapeApexString(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, escape: string) =>
    escape.length === 5
      ? String.fromCharCode(parseInt(escape.slice(1), 16))
      : (ESCAPES[escape] ?? escape),
  );
}

function integerValue(ctx: LiteralContext, digits: string, sign: number): LiteralValue {
  const value = sign * Number(digits);
  if (value > INTEGER_MAX || value < -INTEGER_MAX - 1) throw problemAt(ctx, 'Illegal integer');
  return { value, type: primitive('Integer') };
}

function longValue(ctx: LiteralContext, digits: string, sign: number): LiteralValue {
  const value = sign * Number(digits);
  if (!Number.isSafeInteger(value)) throw unsupported(ctx, 'Long literal beyond ±2^53');
  return { value, type: primitive('Long') };
}

function numberValue(text: string, sign: number): LiteralValue {
  const isDouble = /d$/i.test(text);
  const value = sign * Number(isDouble ? text.slice(0, -1) : text);
  return { value, type: primitive(isDouble ? 'Double' : 'Decimal') };
}
