/**
 * How Apex compares values at run time: `==` on strings ignores case, Ids compare in their
 * 18-character form, collections and records compare by content, class instances by identity;
 * `<` and friends on a null operand are false. Also the exceptions every operation may raise.
 */

import { ApexException } from '../errors.ts';
import { toId18 } from '../ids.ts';
import { nullPointer } from './exceptions.ts';
import type { ApexValue } from './host.ts';
import { isRecord } from './records.ts';

/** How `==` treats strings: `text` folds case (String), `id` compares Ids (Id), `exact` as is. */
export type StringEquality = 'text' | 'id' | 'exact';

/** Apex `==`: value equality; `strings` says how two strings compare. */
export function apexEquals(a: unknown, b: unknown, strings: StringEquality): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null);
  }
  if (typeof a === 'string' && typeof b === 'string') return stringsEqual(a, b, strings);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return contentEquals(a, b);
}

function stringsEqual(a: string, b: string, strings: StringEquality): boolean {
  if (strings === 'text') return a.toLowerCase() === b.toLowerCase();
  if (strings === 'id') return (toId18(a) ?? a) === (toId18(b) ?? b);
  return a === b;
}

/** Lists, sets and maps compare element by element (Strings exactly); records field by field. */
function contentEquals(a: object, b: object): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => apexEquals(item, b[i], 'exact'));
  }
  if (a instanceof Set && b instanceof Set) {
    return a.size === b.size && [...a].every((item) => b.has(item));
  }
  if (a instanceof Map && b instanceof Map) {
    return (
      a.size === b.size &&
      [...a].every(([key, value]) => b.has(key) && apexEquals(value, b.get(key), 'exact'))
    );
  }
  if (isRecord(a) && isRecord(b)) {
    const fields = (record: object) => Object.keys(record).filter((key) => key !== 'attributes');
    const aFields = fields(a);
    return (
      a.attributes.type.toLowerCase() === b.attributes.type.toLowerCase() &&
      aFields.length === fields(b).length &&
      aFields.every((key) => apexEquals(a[key], b[key], 'exact'))
    );
  }
  return a === b;
}

/**
 * Apex `<`, `<=`, `>`, `>=` on two values of one comparable type: false when either is null.
 * Strings compare without case.
 */
export function compareValues(
  a: ApexValue,
  b: ApexValue,
  test: (order: number) => boolean,
): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return test(x < y ? -1 : x > y ? 1 : 0);
  }
  if (a instanceof Date && b instanceof Date) return test(a.getTime() - b.getTime());
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  return false;
}

/** A Boolean a condition needs: null is a NullPointerException, as in Apex. */
export function requireBoolean(value: ApexValue): boolean {
  if (value === null) throw nullPointer();
  return value === true;
}

/** `System.ListException: List index out of bounds: 3` unless `index` is in `list`. */
export function checkIndex(list: readonly unknown[], index: ApexValue): number {
  if (index === null) throw nullPointer();
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0 || i >= list.length) {
    throw new ApexException('System.ListException', `List index out of bounds: ${String(index)}`);
  }
  return i;
}
