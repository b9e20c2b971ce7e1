/**
 * Runs the triggers of one event on one chunk of records, building the trigger context and
 * turning what the handlers do into row errors.
 */
import { ApexException, toApexException } from '../errors.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SObjectRecord, StoredRecord } from '../storage/records.ts';
import { LIMITS } from '../transaction/limits.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { DmlError } from './results.ts';
import {
  operationOf,
  type TriggerContext,
  type TriggerEvent,
  type TriggerRegistry,
} from './triggers.ts';

export interface TriggerChunk {
  new: SObjectRecord[] | null;
  old: StoredRecord[] | null;
}

/**
 * Runs every trigger for `event`; returns the errors per record position in the chunk. An
 * unhandled exception in a handler fails every record of the chunk, as on the platform; a
 * LimitException cannot be caught and ends the transaction.
 */
export function runTriggers(
  tx: Transaction,
  registry: TriggerRegistry,
  type: SObjectType,
  event: TriggerEvent,
  buildChunk: () => TriggerChunk,
): Map<number, DmlError[]> {
  const errors = new Map<number, DmlError[]>();
  const triggers = registry.find(type.name, event);
  if (triggers.length === 0) return errors;
  // Built only when a trigger will see it: read-only copies of every record are not free.
  const chunk = buildChunk();

  const records = chunk.new ?? chunk.old ?? [];
  const positions = new Map<SObjectRecord, number>(records.map((record, i) => [record, i]));
  const context = buildContext(event, chunk, (record, message, field) => {
    const position =
      positions.get(record) ?? chunk.old?.findIndex((old) => old.Id === record.Id) ?? -1;
    if (position < 0) {
      const message = 'addError on a record that is not in this trigger';
      throw new ApexException('System.FinalException', message);
    }
    const list = errors.get(position) ?? [];
    list.push({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message,
      fields: field === undefined ? [] : [field],
    });
    errors.set(position, list);
  });

  tx.triggerDepth++;
  try {
    if (tx.triggerDepth > LIMITS.triggerDepth) {
      throw new ApexException('System.LimitException', 'Maximum trigger depth exceeded');
    }
    for (const trigger of triggers) {
      runOne(trigger.name, event, () => trigger.handler(context), records.length, errors);
    }
  } finally {
    tx.triggerDepth--;
  }
  return errors;
}

function runOne(
  triggerName: string,
  event: TriggerEvent,
  run: () => void,
  size: number,
  errors: Map<number, DmlError[]>,
): void {
  try {
    run();
  } catch (thrown) {
    const exception = toApexException(thrown);
    if (exception.type === 'System.LimitException') throw exception;
    const phase = event.replace(
      /^(\w)(\w*) (\w)(\w*)$/,
      (_m, a: string, b: string, c: string, d: string) =>
        `${a.toUpperCase()}${b}${c.toUpperCase()}${d}`,
    );
    const message = `${triggerName}: execution of ${phase} caused by: ${exception.describe()}`;
    for (let i = 0; i < size; i++) {
      errors.set(i, [
        ...(errors.get(i) ?? []),
        { statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message, fields: [] },
      ]);
    }
  }
}

function buildContext(
  event: TriggerEvent,
  chunk: TriggerChunk,
  addError: TriggerContext['addError'],
): TriggerContext {
  const isBefore = event.startsWith('before');
  const operation = operationOf(event);
  const byId = <T extends SObjectRecord>(records: T[] | null): ReadonlyMap<string, T> | null =>
    records === null ? null : new Map(records.map((record) => [String(record.Id), record]));
  const hasNewMap = chunk.new !== null && !(event === 'before insert');

  return {
    isExecuting: true,
    isInsert: event.endsWith('insert'),
    isUpdate: event.endsWith('update'),
    // ' delete', not 'delete': 'after undelete' ends with 'delete' too.
    isDelete: event.endsWith(' delete'),
    isUndelete: event.endsWith('undelete'),
    isBefore,
    isAfter: !isBefore,
    operationType: operation,
    new: chunk.new,
    old: chunk.old,
    newMap: hasNewMap ? byId(chunk.new) : null,
    oldMap: byId(chunk.old),
    size: (chunk.new ?? chunk.old ?? []).length,
    addError,
  };
}
