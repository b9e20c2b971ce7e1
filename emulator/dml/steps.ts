/**
 * The steps of one DML chunk (≤ 200 records) for each operation, in the platform's order of
 * execution: system validation, before triggers, validation again, write, after triggers.
 * A step never throws for a record's fault: it reports it in that record's result.
 */
import { makeId } from '../ids.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { SObjectRecord, StoredRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import { checkLookups, checkUnique } from './checks.ts';
import type { DmlHost } from './host.ts';
import { normalizeFields } from './normalize.ts';
import {
  audit,
  autoNumber,
  changedFields,
  defaults,
  dmlId,
  missingRecord,
  onlyChanged,
} from './record-values.ts';
import type { DmlError, DmlOptions, SaveResult } from './results.ts';
import { runTriggers } from './trigger-runner.ts';
import { readOnlyRecord } from './triggers.ts';
import { missingRequired } from './validate.ts';
import { finish, livePositions, Rows, type ChunkOutcome } from './chunk-rows.ts';

export type { ChunkOutcome } from './chunk-rows.ts';

export function insertChunk(
  host: DmlHost,
  tx: Transaction,
  type: SObjectType,
  items: SObjectRecord[],
  options: DmlOptions,
): ChunkOutcome {
  const rows = new Rows(items.length);
  const system = options.system === true;

  const records: SObjectRecord[] = items.map((item, i) => {
    const { values, problems } = normalizeFields(
      type,
      item,
      'insert',
      system,
      children(host, type),
    );
    rows.add(i, problems);
    return { attributes: { type: type.name }, ...defaults(type), ...values };
  });

  let live = livePositions(rows, items.length);
  const beforeNew = live.map((i) => records[i] as SObjectRecord);
  rows.addAll(
    runTriggers(tx, host.triggers, type, 'before insert', () => ({ new: beforeNew, old: null })),
    live,
  );

  live = livePositions(rows, items.length);
  const finals = revalidate(host, type, rows, live, records, () => undefined);

  live = livePositions(rows, items.length);
  const ids: Array<string | null> = items.map(() => null);
  const now = host.clock.now();
  const stored: StoredRecord[] = [];
  const table = host.table(type);
  const firstNumber =
    live.length > 0 ? host.sequences.reserve(`id.${type.keyPrefix}`, live.length) : 0;
  const firstName =
    type.definition.nameField.type === 'autonumber' && live.length > 0
      ? host.sequences.reserve(`name.${type.name}`, live.length)
      : 0;

  live.forEach((position, k) => {
    const id = makeId(type.keyPrefix, firstNumber + k);
    const record: StoredRecord = {
      ...(finals.get(position) as Record<string, FieldValue>),
      attributes: { type: type.name },
      Id: id,
      ...(firstName > 0 ? { Name: autoNumber(type, firstName + k) } : {}),
      ...audit(host, now, true),
    };
    table.insert(record);
    ids[position] = id;
    stored.push(record);
  });

  rows.addAll(
    runTriggers(tx, host.triggers, type, 'after insert', () => ({
      new: stored.map(readOnlyRecord),
      old: null,
    })),
    live,
  );
  const written = live.filter((i) => rows.ok(i)).map((i) => ids[i] as string);
  tx.onCommit(() => host.recordsWritten(tx, type, 'insert', written));
  return { results: rows.results(ids) };
}

export function updateChunk(
  host: DmlHost,
  tx: Transaction,
  type: SObjectType,
  items: SObjectRecord[],
  options: DmlOptions,
): ChunkOutcome {
  const rows = new Rows(items.length);
  const system = options.system === true;
  const table = host.table(type);

  const olds: Array<StoredRecord | undefined> = items.map((item, i) => {
    const id = dmlId(item.Id);
    const old = id === undefined ? undefined : table.get(id);
    const missing = missingRecord(id, old, item.Id);
    if (missing !== undefined) rows.add(i, [missing]);
    return missing === undefined ? old : undefined;
  });
  const records: SObjectRecord[] = items.map((item, i) => {
    const { values, problems } = normalizeFields(
      type,
      item,
      'update',
      system,
      children(host, type),
    );
    rows.add(i, problems);
    return { ...(olds[i] ?? {}), ...values, attributes: { type: type.name } };
  });

  let live = livePositions(rows, items.length);
  const beforeLive = live;
  rows.addAll(
    runTriggers(tx, host.triggers, type, 'before update', () => ({
      new: beforeLive.map((i) => records[i] as SObjectRecord),
      old: beforeLive.map((i) => readOnlyRecord(olds[i] as StoredRecord)),
    })),
    live,
  );

  live = livePositions(rows, items.length);
  const finals = revalidate(host, type, rows, live, records, (i) => olds[i]);

  live = livePositions(rows, items.length);
  const now = host.clock.now();
  const stored: StoredRecord[] = [];
  for (const position of live) {
    const old = olds[position] as StoredRecord;
    const changes = changedFields(type, old, finals.get(position) ?? {});
    const auditChanges = audit(host, now, false);
    table.update(old.Id, { ...changes, ...auditChanges });
    stored.push({ ...old, ...changes, ...auditChanges });
  }

  const afterLive = live;
  rows.addAll(
    runTriggers(tx, host.triggers, type, 'after update', () => ({
      new: stored.map(readOnlyRecord),
      old: afterLive.map((i) => readOnlyRecord(olds[i] as StoredRecord)),
    })),
    live,
  );
  return finish(host, tx, type, 'update', rows, live, olds);
}

/** Whether a name is one of `type`'s child relationships, which DML ignores in a record. */
function children(host: DmlHost, type: SObjectType): (name: string) => boolean {
  return (name) => host.schema.findChildRelationship(type, name) !== undefined;
}

/** Re-checks records after before triggers changed them: values, required, lookups, unique. */
function revalidate(
  host: DmlHost,
  type: SObjectType,
  rows: Rows,
  live: number[],
  records: SObjectRecord[],
  oldOf: (position: number) => StoredRecord | undefined,
): Map<number, Record<string, FieldValue>> {
  const finals = new Map<number, Record<string, FieldValue>>();
  const changedValues = new Map<number, Record<string, FieldValue>>();
  for (const position of live) {
    const record = records[position] as SObjectRecord;
    const old = oldOf(position);
    const candidate = old === undefined ? record : onlyChanged(type, old, record);
    const { values, problems } = normalizeFields(
      type,
      candidate,
      old === undefined ? 'insert' : 'update',
      true,
      children(host, type),
    );
    const merged = { ...(old ?? {}), ...values } as Record<string, FieldValue>;
    const missing = missingRequired(type, merged);
    rows.add(position, problems);
    if (missing !== undefined) rows.add(position, [missing]);
    rows.add(position, checkLookups(host, type, values));
    finals.set(position, old === undefined ? values : merged);
    changedValues.set(position, values);
  }
  // Only values being written can collide: an update re-checks the unique fields it changes.
  const checked = live.filter((i) => rows.ok(i));
  const unique = checkUnique(
    host,
    type,
    checked.map((i) => ({ id: oldOf(i)?.Id, values: changedValues.get(i) ?? {} })),
  );
  rows.addAll(unique, checked);
  return finals;
}
