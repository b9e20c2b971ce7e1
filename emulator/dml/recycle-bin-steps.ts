/**
 * The recycle bin: delete moves records into it (`IsDeleted`), undelete brings them back, each
 * through the same chunk steps as other DML, with the delete and undelete triggers. Records in
 * the bin still answer `queryAll` and `ALL ROWS`.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { StoredRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import { checkUnique } from './checks.ts';
import { finish, livePositions, Rows, type ChunkOutcome } from './chunk-rows.ts';
import type { DmlHost } from './host.ts';
import { dmlId, missingRecord } from './record-values.ts';
import type { DmlError } from './results.ts';
import { runTriggers } from './trigger-runner.ts';
import { readOnlyRecord } from './triggers.ts';

export function deleteChunk(
  host: DmlHost,
  tx: Transaction,
  type: SObjectType,
  items: string[],
): ChunkOutcome {
  const rows = new Rows(items.length);
  const table = host.table(type);
  const olds = loadTargets(host, type, items, rows, missingRecord);

  let live = livePositions(rows, items.length);
  rows.addAll(
    runTriggers(tx, host.triggers, type, 'before delete', () => ({
      new: null,
      old: live.map((i) => readOnlyRecord(olds[i] as StoredRecord)),
    })),
    live,
  );

  live = livePositions(rows, items.length);
  const now = host.clock.now();
  for (const position of live) {
    table.update((olds[position] as StoredRecord).Id, { IsDeleted: true, SystemModstamp: now });
  }
  rows.addAll(
    runTriggers(tx, host.triggers, type, 'after delete', () => ({
      new: null,
      old: live.map((i) => readOnlyRecord(olds[i] as StoredRecord)),
    })),
    live,
  );
  return finish(host, tx, type, 'delete', rows, live, olds);
}

/**
 * Brings records back from the recycle bin: each must be there, and no live record may have
 * taken one of its unique values meanwhile (DUPLICATE_VALUE). Fires `after undelete`.
 */
export function undeleteChunk(
  host: DmlHost,
  tx: Transaction,
  type: SObjectType,
  items: string[],
): ChunkOutcome {
  const rows = new Rows(items.length);
  const table = host.table(type);
  const olds = loadTargets(host, type, items, rows, notInRecycleBin);

  let live = livePositions(rows, items.length);
  const unique = checkUnique(
    host,
    type,
    live.map((i) => ({ id: olds[i]?.Id, values: uniqueValues(type, olds[i] as StoredRecord) })),
  );
  rows.addAll(unique, live);

  live = livePositions(rows, items.length);
  const now = host.clock.now();
  const restored: StoredRecord[] = [];
  for (const position of live) {
    const old = olds[position] as StoredRecord;
    const changes = {
      IsDeleted: false,
      LastModifiedDate: now,
      LastModifiedById: host.userId(),
      SystemModstamp: now,
    };
    table.update(old.Id, changes);
    restored.push({ ...old, ...changes });
  }
  rows.addAll(
    runTriggers(tx, host.triggers, type, 'after undelete', () => ({
      new: restored.map(readOnlyRecord),
      old: null,
    })),
    live,
  );
  return finish(host, tx, type, 'undelete', rows, live, olds);
}

/** The records the Ids name, each checked by `problemOf`; a record with a problem is left out. */
function loadTargets(
  host: DmlHost,
  type: SObjectType,
  items: string[],
  rows: Rows,
  problemOf: (
    id: string | undefined,
    old: StoredRecord | undefined,
    raw: unknown,
  ) => DmlError | undefined,
): Array<StoredRecord | undefined> {
  const table = host.table(type);
  return items.map((item, i) => {
    const id = dmlId(item);
    const old = id === undefined ? undefined : table.get(id);
    const problem = problemOf(id, old, item);
    if (problem !== undefined) rows.add(i, [problem]);
    return problem === undefined ? old : undefined;
  });
}

function notInRecycleBin(
  id: string | undefined,
  old: StoredRecord | undefined,
  raw: unknown,
): DmlError | undefined {
  const missing = missingRecord(id, old, raw);
  if (missing?.statusCode === 'ENTITY_IS_DELETED') return undefined;
  if (missing !== undefined) return missing;
  return { statusCode: 'UNDELETE_FAILED', message: 'Entity is not in the recycle bin', fields: [] };
}

function uniqueValues(
  type: SObjectType,
  record: StoredRecord,
): Record<string, string | number | boolean | Date | null> {
  const values: Record<string, string | number | boolean | Date | null> = {};
  for (const field of type.fields) {
    if (field.unique && field.name !== 'Id')
      values[field.name] = (record[field.name] ?? null) as string | null;
  }
  return values;
}
