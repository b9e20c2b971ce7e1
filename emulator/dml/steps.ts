/**
 * The steps of one DML chunk (≤ 200 records) for each operation, in the platform's order of
 * execution: system validation, before triggers, validation again, write, after triggers.
 * A step never throws for a record's fault: it reports it in that record's result.
 */
import { makeId, toId18 } from '../ids.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { SObjectRecord, StoredRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import { checkLookups, checkUnique } from './checks.ts';
import type { DmlHost } from './host.ts';
import { normalizeFields } from './normalize.ts';
import type { DmlError, DmlOptions, SaveResult } from './results.ts';
import { runTriggers } from './trigger-runner.ts';
import { missingRequired } from './validate.ts';

/** Normalises a caller's Id for DML, or undefined when malformed. */
function dmlId(value: unknown): string | undefined {
  return typeof value === 'string' ? toId18(value) : undefined;
}

export interface ChunkOutcome {
  results: SaveResult[];
}

class Rows {
  readonly errors: DmlError[][];
  constructor(size: number) {
    this.errors = Array.from({ length: size }, () => []);
  }
  add(position: number, errors: readonly DmlError[]): void {
    this.errors[position]?.push(...errors);
  }
  addAll(map: Map<number, DmlError[]>, positions: number[]): void {
    for (const [k, errors] of map) this.add(positions[k] ?? -1, errors);
  }
  ok(position: number): boolean {
    return this.errors[position]?.length === 0;
  }
  results(ids: Array<string | null>): SaveResult[] {
    return this.errors.map((errors, i) =>
      errors.length === 0 ? { id: ids[i] ?? null, success: true, errors: [] } : { id: null, success: false, errors },
    );
  }
}

function livePositions(rows: Rows, size: number): number[] {
  return Array.from({ length: size }, (_, i) => i).filter((i) => rows.ok(i));
}

function freeze<T extends SObjectRecord>(record: T): T {
  return Object.freeze({ ...record });
}

export function insertChunk(host: DmlHost, tx: Transaction, type: SObjectType, items: SObjectRecord[], options: DmlOptions): ChunkOutcome {
  const rows = new Rows(items.length);
  const system = options.system === true;

  const records: SObjectRecord[] = items.map((item, i) => {
    const { values, problems } = normalizeFields(type, item, 'insert', system);
    rows.add(i, problems);
    return { attributes: { type: type.name }, ...defaults(type), ...values };
  });

  let live = livePositions(rows, items.length);
  const beforeNew = live.map((i) => records[i] as SObjectRecord);
  rows.addAll(runTriggers(tx, host.triggers, type, 'before insert', { new: beforeNew, old: null }), live);

  live = livePositions(rows, items.length);
  const finals = revalidate(host, type, rows, live, records, system, () => undefined);

  live = livePositions(rows, items.length);
  const ids: Array<string | null> = items.map(() => null);
  const now = host.clock.now();
  const stored: StoredRecord[] = [];
  const table = host.table(type);
  const firstNumber = live.length > 0 ? host.sequences.reserve(`id.${type.keyPrefix}`, live.length) : 0;
  const firstName = type.definition.nameField.type === 'autonumber' && live.length > 0 ? host.sequences.reserve(`name.${type.name}`, live.length) : 0;

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

  rows.addAll(runTriggers(tx, host.triggers, type, 'after insert', { new: stored.map(freeze), old: null }), live);
  const written = live.filter((i) => rows.ok(i)).map((i) => ids[i] as string);
  tx.onCommit(() => host.recordsWritten(tx, type, 'insert', written));
  return { results: rows.results(ids) };
}

export function updateChunk(host: DmlHost, tx: Transaction, type: SObjectType, items: SObjectRecord[], options: DmlOptions): ChunkOutcome {
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
    const { values, problems } = normalizeFields(type, item, 'update', system);
    rows.add(i, problems);
    return { ...(olds[i] ?? {}), ...values, attributes: { type: type.name } };
  });

  let live = livePositions(rows, items.length);
  const oldRecords = live.map((i) => freeze(olds[i] as StoredRecord));
  rows.addAll(runTriggers(tx, host.triggers, type, 'before update', { new: live.map((i) => records[i] as SObjectRecord), old: oldRecords }), live);

  live = livePositions(rows, items.length);
  const finals = revalidate(host, type, rows, live, records, system, (i) => olds[i]);

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

  const afterOld = live.map((i) => freeze(olds[i] as StoredRecord));
  rows.addAll(runTriggers(tx, host.triggers, type, 'after update', { new: stored.map(freeze), old: afterOld }), live);
  const ids = olds.map((old) => old?.Id ?? null);
  tx.onCommit(() => host.recordsWritten(tx, type, 'update', live.filter((i) => rows.ok(i)).map((i) => ids[i] as string)));
  return { results: rows.results(ids) };
}

export function deleteChunk(host: DmlHost, tx: Transaction, type: SObjectType, items: string[]): ChunkOutcome {
  const rows = new Rows(items.length);
  const table = host.table(type);
  const olds = items.map((item, i) => {
    const id = dmlId(item);
    const old = id === undefined ? undefined : table.get(id);
    const missing = missingRecord(id, old, item);
    if (missing !== undefined) rows.add(i, [missing]);
    return missing === undefined ? old : undefined;
  });

  let live = livePositions(rows, items.length);
  rows.addAll(runTriggers(tx, host.triggers, type, 'before delete', { new: null, old: live.map((i) => freeze(olds[i] as StoredRecord)) }), live);

  live = livePositions(rows, items.length);
  const now = host.clock.now();
  for (const position of live) {
    table.update((olds[position] as StoredRecord).Id, { IsDeleted: true, SystemModstamp: now });
  }
  rows.addAll(runTriggers(tx, host.triggers, type, 'after delete', { new: null, old: live.map((i) => freeze(olds[i] as StoredRecord)) }), live);
  const ids = olds.map((old) => old?.Id ?? null);
  tx.onCommit(() => host.recordsWritten(tx, type, 'delete', live.filter((i) => rows.ok(i)).map((i) => ids[i] as string)));
  return { results: rows.results(ids) };
}

/** Re-checks records after before triggers changed them: values, required, lookups, unique. */
function revalidate(
  host: DmlHost,
  type: SObjectType,
  rows: Rows,
  live: number[],
  records: SObjectRecord[],
  system: boolean,
  oldOf: (position: number) => StoredRecord | undefined,
): Map<number, Record<string, FieldValue>> {
  const finals = new Map<number, Record<string, FieldValue>>();
  for (const position of live) {
    const record = records[position] as SObjectRecord;
    const old = oldOf(position);
    const candidate = old === undefined ? record : onlyChanged(type, old, record);
    const { values, problems } = normalizeFields(type, candidate, old === undefined ? 'insert' : 'update', true);
    const merged = { ...(old ?? {}), ...values } as Record<string, FieldValue>;
    const missing = missingRequired(type, merged);
    rows.add(position, problems);
    if (missing !== undefined) rows.add(position, [missing]);
    rows.add(position, checkLookups(host, type, values));
    finals.set(position, old === undefined ? values : merged);
  }
  const checked = live.filter((i) => rows.ok(i));
  const unique = checkUnique(host, type, checked.map((i) => ({ id: oldOf(i)?.Id, values: finals.get(i) ?? {} })));
  rows.addAll(unique, checked);
  void system;
  return finals;
}

function onlyChanged(type: SObjectType, old: StoredRecord, record: SObjectRecord): SObjectRecord {
  const changed: SObjectRecord = {};
  for (const field of type.fields) {
    if (field.name === 'Id') continue;
    const value = record[field.name];
    if (value !== undefined && !sameValue(value as FieldValue, old[field.name] as FieldValue)) changed[field.name] = value as FieldValue;
  }
  return changed;
}

function changedFields(type: SObjectType, old: StoredRecord, merged: Record<string, FieldValue>): Record<string, FieldValue> {
  const changes: Record<string, FieldValue> = {};
  for (const field of type.fields) {
    if (field.name === 'Id' || !(field.name in merged)) continue;
    const value = merged[field.name] as FieldValue;
    if (!sameValue(value, old[field.name] as FieldValue)) changes[field.name] = value;
  }
  return changes;
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

function missingRecord(id: string | undefined, old: StoredRecord | undefined, raw: unknown): DmlError | undefined {
  if (id === undefined) return { statusCode: 'MALFORMED_ID', message: `Id: invalid id: ${String(raw)}`, fields: ['Id'] };
  if (old === undefined) return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] };
  if (old.IsDeleted === true) return { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] };
  return undefined;
}

function defaults(type: SObjectType): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of type.fields) {
    if (field.defaultValue !== undefined) values[field.name] = field.defaultValue;
    else if (field.type === 'checkbox') values[field.name] = false;
  }
  return values;
}

function audit(host: DmlHost, now: Date, created: boolean): Record<string, FieldValue> {
  const user = host.userId();
  const common = { LastModifiedDate: now, LastModifiedById: user, SystemModstamp: now };
  return created ? { ...common, CreatedDate: now, CreatedById: user, IsDeleted: false } : common;
}

function autoNumber(type: SObjectType, n: number): string {
  const format = type.definition.nameField.displayFormat ?? '{0000000}';
  return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}
