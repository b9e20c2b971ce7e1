/**
 * DML: insert, update, upsert on an external id, delete. Each call is one DML statement: system
 * validation, before triggers, validation again, the write, after triggers, in chunks of 200
 * records. All or none (the default, as for Apex DML statements) undoes the whole statement and
 * throws a DmlException; otherwise failed records are set aside and the rest saved, with up to
 * three attempts as the platform makes when triggers fail records.
 */
import { ApexException, DmlException, type DmlRowError, type DmlVerb } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SObjectRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { DmlHost } from './host.ts';
import type { DmlOptions, SaveResult, UpsertResult } from './results.ts';
import { insertChunk, updateChunk, type ChunkOutcome } from './steps.ts';
import { deleteChunk, undeleteChunk } from './recycle-bin-steps.ts';
import { planUpsert } from './upsert-plan.ts';

const CHUNK_SIZE = 200;
const MAX_ATTEMPTS = 3;

type ChunkStep<T> = (items: T[]) => ChunkOutcome;

export class DmlEngine {
  constructor(private readonly host: DmlHost) {}

  insert(tx: Transaction, records: SObjectRecord[], options: DmlOptions = {}): SaveResult[] {
    if (records.length === 0) return [];
    const type = this.typeOf(records, options);
    return this.statement(tx, 'Insert', records, options, (items) =>
      insertChunk(this.host, tx, type, items, options),
    );
  }

  update(tx: Transaction, records: SObjectRecord[], options: DmlOptions = {}): SaveResult[] {
    if (records.length === 0) return [];
    const type = this.typeOf(records, options);
    assertDistinctIds(records);
    return this.statement(tx, 'Update', records, options, (items) =>
      updateChunk(this.host, tx, type, items, options),
    );
  }

  delete(tx: Transaction, typeName: string, ids: string[], options: DmlOptions = {}): SaveResult[] {
    if (ids.length === 0) return [];
    const type = this.deletableType(typeName, options);
    return this.statement(tx, 'Delete', ids, options, (items) =>
      deleteChunk(this.host, tx, type, items),
    );
  }

  /** `undelete`: brings records back from the recycle bin, firing the undelete triggers. */
  undelete(
    tx: Transaction,
    typeName: string,
    ids: string[],
    options: DmlOptions = {},
  ): SaveResult[] {
    if (ids.length === 0) return [];
    const type = this.deletableType(typeName, options);
    return this.statement(tx, 'Undelete', ids, options, (items) =>
      undeleteChunk(this.host, tx, type, items),
    );
  }

  /**
   * One statement that inserts the records whose external id matches no live record and
   * updates the ones it matches (see upsert-plan.ts). `created` tells which happened.
   */
  upsert(
    tx: Transaction,
    records: SObjectRecord[],
    externalIdField: string,
    options: DmlOptions = {},
  ): UpsertResult[] {
    if (records.length === 0) return [];
    const type = this.typeOf(records, options);
    const field = type.getField(externalIdField);
    if (field === undefined || !(field.externalId || field.name === 'Id')) {
      throw new ApexException(
        'System.SObjectException',
        `Invalid field for upsert, must be an External Id custom or standard indexed field: ${externalIdField}`,
      );
    }

    const plan = planUpsert(this.host, type, field.name, records, CHUNK_SIZE);
    const pick = (mode: 'insert' | 'update') =>
      plan.flatMap((entry, i) => (entry.mode === mode && entry.error === undefined ? [i] : []));
    const inserts = pick('insert');
    const updates = pick('update');
    assertDistinctIds(updates.map((i) => plan[i]?.record ?? {}));
    tx.limits.countDml(records.length);
    const allOrNone = options.allOrNone !== false;
    const results: UpsertResult[] = plan.map((entry) => ({
      id: null,
      success: false,
      errors: entry.error === undefined ? [] : [entry.error],
      created: entry.mode === 'insert',
    }));

    tx.atomically(() => {
      const recordsAt = (positions: number[]) => positions.map((i) => plan[i]?.record ?? {});
      const inserted = this.save(tx, recordsAt(inserts), allOrNone, (items) =>
        insertChunk(this.host, tx, type, items, options),
      );
      const updated = this.save(tx, recordsAt(updates), allOrNone, (items) =>
        updateChunk(this.host, tx, type, items, options),
      );
      inserts.forEach((i, k) => (results[i] = { ...(inserted[k] as SaveResult), created: true }));
      updates.forEach((i, k) => (results[i] = { ...(updated[k] as SaveResult), created: false }));
      if (allOrNone && results.some((result) => !result.success)) {
        throw new DmlException(rowErrors(results), 'Upsert');
      }
    });
    return results;
  }

  /**
   * One DML statement: chunks, attempts, and the all-or-none rule. Callers skip empty lists,
   * which the platform neither counts as a statement nor as uncommitted work.
   */
  private statement<T>(
    tx: Transaction,
    verb: DmlVerb,
    items: T[],
    options: DmlOptions,
    step: ChunkStep<T>,
  ): SaveResult[] {
    tx.limits.countDml(items.length);
    const allOrNone = options.allOrNone !== false;

    return tx.atomically(() => {
      const results = this.save(tx, items, allOrNone, step);
      if (allOrNone && results.some((result) => !result.success)) {
        throw new DmlException(rowErrors(results), verb);
      }
      return results;
    });
  }

  /** Runs `step` over chunks of 200: once each when all or none, else with partial retries. */
  private save<T>(
    tx: Transaction,
    items: T[],
    allOrNone: boolean,
    step: ChunkStep<T>,
  ): SaveResult[] {
    const results: SaveResult[] = [];
    for (let start = 0; start < items.length; start += CHUNK_SIZE) {
      const chunk = items.slice(start, start + CHUNK_SIZE);
      results.push(...(allOrNone ? step(chunk).results : this.partial(tx, chunk, step)));
    }
    return results;
  }

  /** Partial save: set failed records aside and try the rest again, at most three times. */
  private partial<T>(tx: Transaction, chunk: T[], step: ChunkStep<T>): SaveResult[] {
    const results: Array<SaveResult | undefined> = chunk.map(() => undefined);
    let remaining = chunk.map((item, position) => ({ item, position }));

    for (let attempt = 1; attempt <= MAX_ATTEMPTS && remaining.length > 0; attempt++) {
      let outcome: ChunkOutcome | undefined;
      try {
        tx.atomically(() => {
          outcome = step(remaining.map(({ item }) => item));
          if (outcome.results.some((result) => !result.success)) throw new RetryChunk();
        });
      } catch (error) {
        if (!(error instanceof RetryChunk)) throw error;
      }
      const current = outcome;
      if (current === undefined) break;
      const failed = remaining.filter((_, k) => !current.results[k]?.success);
      if (failed.length === 0) {
        remaining.forEach(({ position }, k) => (results[position] = current.results[k]));
        return results as SaveResult[];
      }
      for (const { position } of failed) {
        const k = remaining.findIndex((entry) => entry.position === position);
        results[position] = current.results[k];
      }
      remaining = remaining.filter((_, k) => current.results[k]?.success);
    }

    for (const { position } of remaining) {
      results[position] = {
        id: null,
        success: false,
        errors: [
          {
            statusCode: 'UNKNOWN_EXCEPTION',
            message:
              'Too many batch retries in the presence of Apex triggers and partial failures.',
            fields: [],
          },
        ],
      };
    }
    return results as SaveResult[];
  }

  private typeOf(records: SObjectRecord[], options: DmlOptions): SObjectType {
    const names = new Set(records.map((record) => record.attributes?.type));
    if (names.size > 1) {
      throw new ApexException(
        'System.TypeException',
        'DML on a list of mixed sObject types is not supported by aflo-emu (see docs/fidelity.md)',
      );
    }
    const name = records[0]?.attributes?.type;
    if (name === undefined) {
      throw new ApexException(
        'System.SObjectException',
        'a record passed to DML has no attributes.type; build it with sobject(type, fields)',
      );
    }
    return this.resolveType(name, options);
  }

  private resolveType(name: string, options: DmlOptions): SObjectType {
    const type = this.host.schema.find(name);
    if (type === undefined) {
      throw new ApexException('System.TypeException', `Invalid type: ${name}`);
    }
    if (!type.createable && options.system !== true) {
      throw new ApexException('System.TypeException', `DML operation not allowed on ${type.name}`);
    }
    return type;
  }

  /** User records are deactivated (`IsActive = false`), never deleted, as on the platform. */
  private deletableType(name: string, options: DmlOptions): SObjectType {
    const type = this.resolveType(name, options);
    if (!type.deletable && options.system !== true) {
      throw new ApexException(
        'System.TypeException',
        `DML operation Delete not allowed on ${type.name}: deactivate the record instead`,
      );
    }
    return type;
  }
}

class RetryChunk extends Error {}

/** Apex refuses to update one record twice in a statement: `Duplicate id in list`. */
function assertDistinctIds(records: SObjectRecord[]): void {
  const seen = new Set<string>();
  for (const record of records) {
    const id = typeof record.Id === 'string' ? toId18(record.Id) : undefined;
    if (id === undefined) continue;
    if (seen.has(id)) {
      throw new ApexException('System.ListException', `Duplicate id in list: ${id}`);
    }
    seen.add(id);
  }
}

function rowErrors(results: SaveResult[]): DmlRowError[] {
  return results.flatMap((result, index) =>
    result.errors.map((error) => ({
      index,
      statusCode: error.statusCode,
      message: error.message,
      fields: error.fields,
    })),
  );
}
