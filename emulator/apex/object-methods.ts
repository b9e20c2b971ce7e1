/**
 * Instance methods of the platform objects a script gets back: DML results and their errors,
 * caught exceptions (`e.getMessage()`, `e.getDmlMessage(0)`), and `record.get('Field')` /
 * `record.put('Field', value)`.
 */

import { ApexException, DmlException } from '../errors.ts';
import type { ApexValue } from './host.ts';
import type { InstanceCall, Runtime, Target } from './ir.ts';
import { DatabaseError, DmlResult } from './dml-results.ts';
import { byName, firstOf, overload, type InstanceMethod } from './method-types.ts';
import { isRecord, readField, writeField } from './records.ts';
import {
  BOOLEAN,
  ID,
  INTEGER,
  listOf,
  OBJECT,
  platform,
  STRING,
  type StaticType,
} from './static-types.ts';
import { checkIndex } from './values.ts';

type Overloads = ReadonlyArray<ReturnType<typeof overload<InstanceCall>>>;

function method(name: string, overloads: Overloads): InstanceMethod {
  return { name, bind: (_target, argTypes) => firstOf(overloads, argTypes) };
}

const result = (t: Target): DmlResult => t as DmlResult;

const RESULT_METHODS = byName<InstanceMethod>([
  method('isSuccess', [overload([], BOOLEAN, (t) => result(t).success)]),
  method('getId', [overload([], ID, (t) => result(t).id)]),
  method('getErrors', [
    overload([], listOf(platform('Database.Error')), (t) => [...result(t).errors]),
  ]),
]);

const UPSERT_RESULT_METHODS = new Map([
  ...RESULT_METHODS,
  ...byName<InstanceMethod>([
    method('isCreated', [overload([], BOOLEAN, (t) => result(t).created)]),
  ]),
]);

const error = (t: Target): DatabaseError => t as DatabaseError;

const ERROR_METHODS = byName<InstanceMethod>([
  method('getMessage', [overload([], STRING, (t) => error(t).message)]),
  method('getStatusCode', [overload([], STRING, (t) => error(t).statusCode)]),
  method('getFields', [overload([], listOf(STRING), (t) => [...error(t).fields])]),
]);

const exception = (t: Target): ApexException => t as ApexException;

/** The line of the statement that raised it: the first `AnonymousBlock` frame of its trace. */
function lineNumber(e: ApexException): number {
  const match = /AnonymousBlock: line (\d+)/.exec(e.apexStackTrace);
  return match === null ? -1 : Number(match[1]);
}

const EXCEPTION_METHODS = byName<InstanceMethod>([
  method('getMessage', [overload([], STRING, (t) => exception(t).message)]),
  method('getTypeName', [overload([], STRING, (t) => exception(t).type)]),
  method('getLineNumber', [overload([], INTEGER, (t) => lineNumber(exception(t)))]),
  method('getStackTraceString', [overload([], STRING, (t) => exception(t).apexStackTrace)]),
]);

/** The rows of a DmlException; another exception type has none. */
function dmlRows(t: Target): DmlException['rows'] {
  return t instanceof DmlException ? t.rows : [];
}

function dmlRow(t: Target, index: ApexValue | undefined): DmlException['rows'][number] {
  const rows = dmlRows(t);
  return rows[checkIndex(rows, index ?? null)] as DmlException['rows'][number];
}

const DML_EXCEPTION_METHODS = new Map([
  ...EXCEPTION_METHODS,
  ...byName<InstanceMethod>([
    method('getNumDml', [overload([], INTEGER, (t) => dmlRows(t).length)]),
    method('getDmlMessage', [overload([INTEGER], STRING, (t, [i]) => dmlRow(t, i).message)]),
    method('getDmlType', [overload([INTEGER], STRING, (t, [i]) => dmlRow(t, i).statusCode)]),
    method('getDmlIndex', [overload([INTEGER], INTEGER, (t, [i]) => dmlRow(t, i).index)]),
    method('getDmlFieldNames', [
      overload([INTEGER], listOf(STRING), (t, [i]) => [...dmlRow(t, i).fields]),
    ]),
  ]),
]);

/** `record.get('Name')` / `record.put('Name', v)`: the field name is checked when it runs. */
function canonicalField(
  t: Target,
  name: ApexValue | undefined,
  runtime: Runtime,
): [string, string] {
  if (!isRecord(t)) throw new ApexException('System.SObjectException', 'Not an SObject');
  const type = t.attributes.type;
  const field = runtime.host.resolveSObject(type)?.field(String(name));
  if (field === undefined) {
    throw new ApexException('System.SObjectException', `Invalid field ${String(name)} for ${type}`);
  }
  return [field.name, type];
}

const SOBJECT_METHODS = byName<InstanceMethod>([
  method('get', [
    overload([STRING], OBJECT, (t, [name], runtime) => {
      const [field, type] = canonicalField(t, name, runtime);
      return readField(t, field, type, runtime);
    }),
  ]),
  method('put', [
    overload([STRING, OBJECT], OBJECT, (t, [name, value], runtime) => {
      const [field, type] = canonicalField(t, name, runtime);
      const previous = readField(t, field, type, runtime);
      writeField(t, field, value ?? null);
      return previous;
    }),
  ]),
]);

/** The methods of a platform object type, keyed by lower-case name. */
export function objectMethods(type: StaticType): ReadonlyMap<string, InstanceMethod> | undefined {
  switch (type.kind) {
    case 'sobject':
      return SOBJECT_METHODS;
    case 'exception':
      return type.name === 'System.DmlException' ? DML_EXCEPTION_METHODS : EXCEPTION_METHODS;
    case 'platform':
      if (type.name === 'Database.Error') return ERROR_METHODS;
      if (type.name === 'Database.UpsertResult') return UPSERT_RESULT_METHODS;
      if (type.name.startsWith('Database.')) return RESULT_METHODS;
      return undefined;
    default:
      return undefined;
  }
}
