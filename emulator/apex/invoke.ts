/**
 * Calls an instance method of a host class. Apex names are case-insensitive, so the method is
 * found on the instance by its lower-case name; an async TypeScript method is awaited.
 */

import { ApexException } from '../errors.ts';
import type { ApexValue } from './host.ts';

type Method = (...args: unknown[]) => unknown;

/** Calls `method` (lower case) on `target`, an instance of the class named `typeName`. */
export async function invokeMethod(
  target: ApexValue,
  method: string,
  typeName: string,
  args: readonly ApexValue[],
): Promise<ApexValue> {
  if (target === null) {
    throw new ApexException('System.NullPointerException', 'Attempt to de-reference a null object');
  }
  if (typeof target !== 'object') {
    const message = `Invalid conversion from runtime type ${typeof target} to ${typeName}`;
    throw new ApexException('System.TypeException', message);
  }

  const fn = findMethod(target, method);
  if (fn === undefined) {
    const message = `${typeName} declares method ${method} but its instance has none by that name`;
    throw new ApexException('System.UnexpectedException', message);
  }
  return toApexValue(await Reflect.apply(fn, target, args));
}

/** The instance's method whose name, lower-cased, is `method`; Object's own methods excluded. */
function findMethod(target: object, method: string): Method | undefined {
  for (let o: object | null = target; o !== null && o !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name.toLowerCase() !== method || name === 'constructor') continue;
      // A descriptor, not a property read: finding a method must not run a getter.
      const value: unknown = Object.getOwnPropertyDescriptor(o, name)?.value;
      if (typeof value === 'function') return value as Method;
    }
    o = Reflect.getPrototypeOf(o);
  }
  return undefined;
}

/** A method's result as an Apex value: `undefined` (a void method) becomes null. */
export function toApexValue(value: unknown): ApexValue {
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'string':
    case 'number':
    case 'boolean':
    case 'object':
    case 'function':
      return value;
    case 'bigint':
      return Number(value);
    case 'symbol':
      return value.toString();
  }
}
