/**
 * How Apex prints a value (`String.valueOf`, `System.debug`, `'x' + v`): `null` for null,
 * numbers and booleans as written, a record as `AFLO__Customer__c:{Name=x, Id=a01…}`, a class
 * instance as `NS.Class:[field=value, …]`, a list as `(a, b)`, a set as `{a, b}` and a map as
 * `{k=v}`. A Double prints with a decimal point (`1.0`) when the compiler knows it is one.
 */

import { ApexException } from '../errors.ts';
import type { ApexClassRef, ApexValue } from './host.ts';
import { isRecord } from './records.ts';
import type { StaticType } from './static-types.ts';

/** The Apex text of a value; `classOf` names the instances the script created with `new`. */
export function formatApexValue(
  value: ApexValue | undefined,
  classOf: WeakMap<object, ApexClassRef>,
): string {
  return format(value, classOf, new Set());
}

/**
 * The text of a value of a known static type: a Double keeps its `.0`, and `System.debug` of a
 * Date prints midnight (`2026-01-31 00:00:00`) as the platform's debug log does.
 */
export function formatTyped(
  value: ApexValue,
  type: StaticType,
  classOf: WeakMap<object, ApexClassRef>,
  forDebug = false,
): string {
  if (type.kind === 'primitive' && typeof value === 'number' && type.name === 'Double') {
    return formatDouble(value);
  }
  if (forDebug && type.kind === 'primitive' && type.name === 'Date' && typeof value === 'string') {
    return `${value} 00:00:00`;
  }
  return formatApexValue(value, classOf);
}

/** Java's Double.toString for the common range: `1.0`, `2.5`, `1.0E7`. */
export function formatDouble(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3)) {
    const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
    const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
    return `${withPoint}E${exponent.replace('+', '')}`;
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function format(value: unknown, classOf: WeakMap<object, ApexClassRef>, seen: Set<object>): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '(already output)';
  seen.add(value);
  try {
    return formatObject(value, classOf, seen);
  } finally {
    seen.delete(value);
  }
}

function formatObject(
  value: object,
  classOf: WeakMap<object, ApexClassRef>,
  seen: Set<object>,
): string {
  const inner = (v: unknown): string => format(v, classOf, seen);
  if (Array.isArray(value)) return `(${value.map(inner).join(', ')})`;
  if (value instanceof Set) return `{${[...value].map(inner).join(', ')}}`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${inner(k)}=${inner(v)}`).join(', ')}}`;
  }
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 19);
  if (value instanceof ApexException) return value.describe();
  if (isRecord(value)) return formatRecord(value, inner);
  if (hasOwnToString(value)) return String(value);

  const name = classOf.get(value)?.apexName ?? (value.constructor?.name || 'Object');
  const fields = Object.entries(value)
    .filter(([, v]) => typeof v !== 'function')
    .map(([k, v]) => `${k}=${inner(v)}`);
  return `${name}:[${fields.join(', ')}]`;
}

/** `Type:{Field=value, …}`: the fields it holds in the order they were set; parents left out. */
function formatRecord(record: Record<string, unknown>, inner: (v: unknown) => string): string {
  const type = (record.attributes as { type: string }).type;
  const fields = Object.entries(record)
    .filter(([key, v]) => key !== 'attributes' && !isRecord(v))
    .map(([key, v]) => `${key}=${inner(v)}`);
  return `${type}:{${fields.join(', ')}}`;
}

function hasOwnToString(value: object): boolean {
  return typeof value.toString === 'function' && value.toString !== Object.prototype.toString;
}
