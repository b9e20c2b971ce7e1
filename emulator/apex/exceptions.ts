/**
 * Apex exception types as a script names them in `catch (DmlException e)`, and which thrown
 * errors a `catch` may see. `System.LimitException` cannot be caught, as on the platform; an
 * error that is not an Apex exception (a fault of the emulator or the store) is never caught.
 */

import { ApexException } from '../errors.ts';

/** The built-in exception types a `catch` clause may name (all in the System namespace). */
const SYSTEM_EXCEPTIONS = [
  'AssertException',
  'AsyncException',
  'CalloutException',
  'DmlException',
  'DuplicateMessageException',
  'EmailException',
  'FinalException',
  'HandledException',
  'IllegalArgumentException',
  'InvalidParameterValueException',
  'JSONException',
  'ListException',
  'LimitException',
  'MathException',
  'NoAccessException',
  'NoDataFoundException',
  'NoSuchElementException',
  'NullPointerException',
  'QueryException',
  'SearchException',
  'SecurityException',
  'SerializationException',
  'SObjectException',
  'StringException',
  'TypeException',
  'UnexpectedException',
  'XmlException',
] as const;

/** Thrown, never caught: the platform ends the transaction. */
const UNCATCHABLE = new Set(['system.limitexception', 'system.unexpectedexception']);

/** `System.NullPointerException: Attempt to de-reference a null object`. */
export function nullPointer(): ApexException {
  return new ApexException('System.NullPointerException', 'Attempt to de-reference a null object');
}

/** The canonical exception type a name denotes: `Exception`, `System.DmlException`, or undefined. */
export function exceptionTypeNamed(name: string): string | undefined {
  const bare = name.toLowerCase().replace(/^system\./, '');
  if (bare === 'exception') return 'Exception';
  const found = SYSTEM_EXCEPTIONS.find((type) => type.toLowerCase() === bare);
  return found === undefined ? undefined : `System.${found}`;
}

/** Whether `catch (<type> e)` catches this error. */
export function catches(type: string, error: unknown): error is ApexException {
  if (!(error instanceof ApexException) || UNCATCHABLE.has(error.type.toLowerCase())) return false;
  return type === 'Exception' || error.type.toLowerCase() === type.toLowerCase();
}
