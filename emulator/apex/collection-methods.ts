/**
 * Methods of `List<T>`, `Set<T>` and `Map<K, V>`: lists are JS arrays, sets and maps JS Set and
 * Map (String elements and keys are case-sensitive, as in Apex). Indexes are checked as Apex
 * checks them (`System.ListException: List index out of bounds: 3`).
 */

import { ApexException } from '../errors.ts';
import type { ApexValue } from './host.ts';
import type { InstanceCall, Target } from './ir.ts';
import {
  byName,
  fits,
  firstOf,
  overload,
  type Bound,
  type InstanceMethod,
} from './method-types.ts';
import {
  BOOLEAN,
  INTEGER,
  isPrimitive,
  listOf,
  setOf,
  VOID_TYPE,
  type StaticType,
} from './static-types.ts';
import { apexEquals, checkIndex } from './values.ts';

type Overload = (argTypes: readonly StaticType[]) => Bound<InstanceCall> | undefined;

/** A method whose overloads depend on the collection's element (or key and value) types. */
function method(name: string, overloads: (target: StaticType) => Overload[]): InstanceMethod {
  return { name, bind: (target, argTypes) => firstOf(overloads(target), argTypes) };
}

const asList = (target: Target): ApexValue[] => target as ApexValue[];
const asSet = (target: Target): Set<ApexValue> => target as Set<ApexValue>;
const asMap = (target: Target): Map<ApexValue, ApexValue> => target as Map<ApexValue, ApexValue>;

function elementOf(type: StaticType): StaticType {
  return type.kind === 'list' || type.kind === 'set' ? type.element : VOID_TYPE;
}

/** The values of a List or Set argument, for `addAll`. */
function itemsOf(value: ApexValue): ApexValue[] {
  if (value === null) {
    throw new ApexException('System.NullPointerException', 'Argument cannot be null.');
  }
  return [...(value as Iterable<ApexValue>)];
}

function acceptsItems(element: StaticType): Overload {
  return (argTypes) => {
    const [arg] = argTypes;
    const ok =
      argTypes.length === 1 &&
      arg !== undefined &&
      (arg.kind === 'null' ||
        ((arg.kind === 'list' || arg.kind === 'set') && fits([element], [arg.element])));
    return ok
      ? { call: (t, [items]) => addAll(t, itemsOf(items ?? null)), returns: BOOLEAN }
      : undefined;
  };
}

function addAll(target: Target, items: ApexValue[]): boolean {
  if (Array.isArray(target)) {
    target.push(...items);
    return true;
  }
  const set = asSet(target);
  const before = set.size;
  for (const item of items) set.add(item);
  return set.size !== before;
}

const size: InstanceCall = (t) =>
  t instanceof Set || t instanceof Map ? t.size : asList(t).length;
const isEmpty: InstanceCall = (t, args, runtime) => size(t, args, runtime) === 0;
const clear: InstanceCall = (t) => {
  if (Array.isArray(t)) t.length = 0;
  else (t as Set<ApexValue> | Map<ApexValue, ApexValue>).clear();
  return null;
};
const clone: InstanceCall = (t) =>
  Array.isArray(t) ? [...t] : t instanceof Set ? new Set(t) : new Map(asMap(t));

/** Methods every collection has. */
const SHARED: readonly InstanceMethod[] = [
  method('size', () => [overload([], INTEGER, size)]),
  method('isEmpty', () => [overload([], BOOLEAN, isEmpty)]),
  method('clear', () => [overload([], VOID_TYPE, clear)]),
  method('clone', (target) => [overload([], target, clone)]),
];

const LIST_METHODS = byName<InstanceMethod>([
  ...SHARED,
  method('add', (target) => [
    overload([elementOf(target)], VOID_TYPE, (t, [item]) => {
      asList(t).push(item ?? null);
      return null;
    }),
    overload([INTEGER, elementOf(target)], VOID_TYPE, (t, [index, item]) => {
      const list = asList(t);
      // Adding at the end is allowed: the index may equal the size.
      const at = index === list.length ? list.length : checkIndex(list, index ?? null);
      list.splice(at, 0, item ?? null);
      return null;
    }),
  ]),
  method('addAll', (target) => [acceptsItems(elementOf(target))]),
  method('get', (target) => [
    overload([INTEGER], elementOf(target), (t, [index]) => {
      const list = asList(t);
      return list[checkIndex(list, index ?? null)] ?? null;
    }),
  ]),
  method('set', (target) => [
    overload([INTEGER, elementOf(target)], VOID_TYPE, (t, [index, item]) => {
      const list = asList(t);
      list[checkIndex(list, index ?? null)] = item ?? null;
      return null;
    }),
  ]),
  method('remove', (target) => [
    overload([INTEGER], elementOf(target), (t, [index]) => {
      const list = asList(t);
      return list.splice(checkIndex(list, index ?? null), 1)[0] ?? null;
    }),
  ]),
  method('contains', (target) => [
    overload([elementOf(target)], BOOLEAN, (t, [item]) =>
      asList(t).some((x) => apexEquals(x, item ?? null, 'exact')),
    ),
  ]),
  method('indexOf', (target) => [
    overload([elementOf(target)], INTEGER, (t, [item]) =>
      asList(t).findIndex((x) => apexEquals(x, item ?? null, 'exact')),
    ),
  ]),
  method('sort', (target) =>
    isSortable(elementOf(target)) ? [overload([], VOID_TYPE, sortList)] : [],
  ),
]);

function isSortable(element: StaticType): boolean {
  return isPrimitive(element, 'String', 'Id', 'Integer', 'Long', 'Decimal', 'Double', 'Date');
}

/** `List.sort()` of primitives: nulls first, then ascending (strings case-sensitively). */
const sortList: InstanceCall = (t) => {
  asList(t).sort((a, b) => {
    if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  });
  return null;
};

const SET_METHODS = byName<InstanceMethod>([
  ...SHARED,
  method('add', (target) => [
    overload([elementOf(target)], BOOLEAN, (t, [item]) => addAll(t, [item ?? null])),
  ]),
  method('addAll', (target) => [acceptsItems(elementOf(target))]),
  method('contains', (target) => [
    overload([elementOf(target)], BOOLEAN, (t, [item]) => asSet(t).has(item ?? null)),
  ]),
  method('remove', (target) => [
    overload([elementOf(target)], BOOLEAN, (t, [item]) => asSet(t).delete(item ?? null)),
  ]),
]);

function keyOf(type: StaticType): StaticType {
  return type.kind === 'map' ? type.key : VOID_TYPE;
}

function valueOf(type: StaticType): StaticType {
  return type.kind === 'map' ? type.value : VOID_TYPE;
}

const MAP_METHODS = byName<InstanceMethod>([
  ...SHARED,
  method('put', (target) => [
    overload([keyOf(target), valueOf(target)], valueOf(target), (t, [key, value]) => {
      const map = asMap(t);
      const previous = map.get(key ?? null) ?? null;
      map.set(key ?? null, value ?? null);
      return previous;
    }),
  ]),
  method('get', (target) => [
    overload([keyOf(target)], valueOf(target), (t, [key]) => asMap(t).get(key ?? null) ?? null),
  ]),
  method('containsKey', (target) => [
    overload([keyOf(target)], BOOLEAN, (t, [key]) => asMap(t).has(key ?? null)),
  ]),
  method('remove', (target) => [
    overload([keyOf(target)], valueOf(target), (t, [key]) => {
      const map = asMap(t);
      const previous = map.get(key ?? null) ?? null;
      map.delete(key ?? null);
      return previous;
    }),
  ]),
  method('keySet', (target) => [
    overload([], setOf(keyOf(target)), (t) => new Set(asMap(t).keys())),
  ]),
  method('values', (target) => [
    overload([], listOf(valueOf(target)), (t) => [...asMap(t).values()]),
  ]),
]);

/** The methods of a collection type, keyed by lower-case name. */
export function collectionMethods(
  type: StaticType,
): ReadonlyMap<string, InstanceMethod> | undefined {
  if (type.kind === 'list') return LIST_METHODS;
  if (type.kind === 'set') return SET_METHODS;
  if (type.kind === 'map') return MAP_METHODS;
  return undefined;
}
