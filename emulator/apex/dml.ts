/**
 * DML as a script runs it: `insert records;`, `upsert records Field__c;`, `Database.insert(
 * records, false)`. The host saves the records (triggers, limits, the statement's rollback);
 * this side checks the arguments, writes the new Ids back into the script's records as Apex does
 * on insert and upsert, and wraps the outcome in SaveResults.
 */

import { ApexException } from '../errors.ts';
import { nullPointer } from './exceptions.ts';
import { DmlResult, RESULT_TYPES } from './dml-results.ts';
import type { ApexRecord, ApexValue, DmlOperation } from './host.ts';
import type { Runtime } from './ir.ts';
import { isRecord } from './records.ts';

export interface DmlCall {
  readonly operation: DmlOperation;
  /** Whether the script passed one record rather than a list (one result comes back). */
  readonly single: boolean;
  readonly allOrNone: boolean;
  /** `upsert` only: the field to match on. */
  readonly externalIdField: string;
}

/** Runs one DML statement or `Database.*` call; throws a DmlException when all or none fails. */
export function runDml(call: DmlCall, value: ApexValue, runtime: Runtime): DmlResult | DmlResult[] {
  const records = recordsOf(value, call.single);

  const rows = runtime.host.dml({
    operation: call.operation,
    records,
    allOrNone: call.allOrNone,
    externalIdField: call.externalIdField,
  });

  if (call.operation === 'insert' || call.operation === 'upsert') {
    rows.forEach((row, i) => {
      const record = records[i];
      if (row.success && row.id !== null && record !== undefined) record.Id = row.id;
    });
  }
  const results = rows.map((row) => new DmlResult(RESULT_TYPES[call.operation], row));
  return call.single ? (results[0] as DmlResult) : results;
}

function recordsOf(value: ApexValue, single: boolean): ApexRecord[] {
  if (value === null) throw nullPointer();
  const items: unknown[] = single ? [value] : [...(value as Iterable<unknown>)];
  return items.map((item, position) => {
    if (item === null || item === undefined) {
      const message = `DML statement found null SObject at position ${position}`;
      throw new ApexException('System.ListException', message);
    }
    if (!isRecord(item)) {
      throw new ApexException('System.TypeException', 'DML requires SObject or SObject list type');
    }
    return item;
  });
}
