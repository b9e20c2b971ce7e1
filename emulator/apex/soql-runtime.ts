/**
 * Runs an inline query with its binds evaluated: a Set binds as a list, records bind as their
 * Ids (`WHERE Id IN :accounts`), LIMIT and OFFSET binds are written into the text. The rows
 * come back as records that know which fields they were selected with.
 */

import { ApexException } from '../errors.ts';
import { bindName } from './compile-soql.ts';
import { nullPointer } from './exceptions.ts';
import type { ApexValue, QueryBinds } from './host.ts';
import type { Runtime, SoqlPlan } from './ir.ts';
import { fromQuery, isRecord } from './records.ts';

export function runSoql(plan: SoqlPlan, values: readonly ApexValue[], runtime: Runtime): ApexValue {
  const inlined = new Set<number>();
  const text = plan.segments
    .map((segment) => {
      if (typeof segment === 'string') return segment;
      inlined.add(segment);
      return integerText(values[segment] ?? null);
    })
    .join('');

  const binds: QueryBinds = {};
  values.forEach((value, index) => {
    if (!inlined.has(index)) binds[bindName(index)] = bindValue(value);
  });

  if (plan.mode === 'count') return runtime.host.count(text, binds);
  const records = runtime.host.query(text, binds).map((row) => fromQuery(row, runtime));
  if (plan.mode === 'list') return records;
  return onlyRow(records);
}

/** `Account a = [SELECT …]`: exactly one row, or a QueryException as Apex throws. */
function onlyRow(records: readonly ApexValue[]): ApexValue {
  if (records.length === 0) {
    throw new ApexException('System.QueryException', 'List has no rows for assignment to SObject');
  }
  if (records.length > 1) {
    throw new ApexException(
      'System.QueryException',
      'List has more than 1 row for assignment to SObject',
    );
  }
  return records[0] ?? null;
}

function integerText(value: ApexValue): string {
  if (value === null) throw nullPointer();
  return String(Math.trunc(Number(value)));
}

/** What the query API takes for an Apex value: lists for collections, Ids for records. */
function bindValue(value: ApexValue): ApexValue {
  const asId = (item: unknown): unknown => (isRecord(item) ? (item.Id ?? null) : item);
  if (value instanceof Set || Array.isArray(value))
    return [...(value as Iterable<unknown>)].map(asId) as ApexValue;
  return asId(value) as ApexValue;
}
