/**
 * How Apex prints a value (`String.valueOf`, `System.debug`): `null` for null, numbers and
 * booleans as written, a class instance as `NS.Class:[field=value, …]`, a list as `(a, b)` and a
 * map as `{k=v}`.
 */

import type { ApexClassRef, ApexValue } from './host.ts';

/** The Apex text of a value; `classOf` names the instances the script created with `new`. */
export function formatApexValue(
  value: ApexValue | undefined,
  classOf: WeakMap<object, ApexClassRef>,
): string {
  return format(value, classOf, new Set());
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
  if (hasOwnToString(value)) return String(value);

  const name = classOf.get(value)?.apexName ?? (value.constructor?.name || 'Object');
  const fields = Object.entries(value)
    .filter(([, v]) => typeof v !== 'function')
    .map(([k, v]) => `${k}=${inner(v)}`);
  return `${name}:[${fields.join(', ')}]`;
}

function hasOwnToString(value: object): boolean {
  return typeof value.toString === 'function' && value.toString !== Object.prototype.toString;
}
