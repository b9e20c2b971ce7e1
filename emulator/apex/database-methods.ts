/**
 * `Database.insert/update/upsert/delete/undelete(records[, allOrNone])`: DML that can return a
 * result per record instead of throwing. Given one record they return one result, given a list
 * a list; `upsert` also takes the external id field as a token (`X__c.ExtId__c`).
 */

import type { DmlOperation } from './host.ts';
import type { StaticCall } from './ir.ts';
import { runDml } from './dml.ts';
import { RESULT_TYPES } from './dml-results.ts';
import type { StaticMethod } from './method-types.ts';
import { isAssignable, listOf, platform, SOBJECT_TYPE, type StaticType } from './static-types.ts';

/** Whether a type is one record (`single`), a list of records, or neither. */
export function recordsShape(type: StaticType | undefined): 'single' | 'list' | undefined {
  if (type === undefined) return undefined;
  if (type.kind === 'sobject') return 'single';
  if (isAssignable(type, listOf(SOBJECT_TYPE)) && type.kind === 'list') return 'list';
  return undefined;
}

const isBoolean = (type: StaticType | undefined): boolean =>
  type?.kind === 'primitive' && type.name === 'Boolean';
const isFieldToken = (type: StaticType | undefined): boolean =>
  type?.kind === 'platform' && type.name === 'Schema.SObjectField';

function databaseMethod(operation: DmlOperation): StaticMethod {
  return {
    apexName: `Database.${operation}`,
    bind: (argTypes) => {
      const shape = recordsShape(argTypes[0]);
      if (shape === undefined) return undefined;

      const rest = argTypes.slice(1);
      const withField = operation === 'upsert' && isFieldToken(rest[0]);
      const flags = withField ? rest.slice(1) : rest;
      if (flags.length > 1 || (flags.length === 1 && !isBoolean(flags[0]))) return undefined;

      const result = platform(RESULT_TYPES[operation]);
      const call: StaticCall = (args, runtime) => {
        // allOrNone defaults to true, as for a DML statement; a null flag counts as true.
        const allOrNone = flags.length === 1 ? args[args.length - 1] !== false : true;
        const externalIdField = withField ? String(args[1] ?? 'Id') : 'Id';
        const dml = { operation, single: shape === 'single', allOrNone, externalIdField };
        return runDml(dml, args[0] ?? null, runtime);
      };
      return { call, returns: shape === 'single' ? result : listOf(result) };
    },
  };
}

export const DATABASE_METHODS: ReadonlyMap<string, StaticMethod> = new Map(
  (['insert', 'update', 'upsert', 'delete', 'undelete'] as const).map((operation) => [
    `database.${operation}`,
    databaseMethod(operation),
  ]),
);
