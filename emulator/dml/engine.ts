/**
 * DML: insert, update, upsert on an external id, delete. Each call is one DML statement: system
 * validation, before triggers, validation again, the write, after triggers, in chunks of 200
 * records. All or none (the default, as for Apex DML statements) undoes the whole statement and
 * throws a DmlException; otherwise failed records are set aside and the rest saved, with up to
 * three attempts as the platform makes when triggers fail records.
 */
import { ApexException, DmlException, type DmlRowError } from '../errors.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SObjectRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { DmlHost } from './host.ts';
import type { DmlError, DmlOptions, SaveResult, UpsertResult } from './results.ts';
import { deleteChunk, insertChunk, updateChunk, type ChunkOutcome } from './steps.ts';

const CHUNK_SIZE = 200;
const MAX_ATTEMPTS = 3;

type ChunkStep<T> = (items: T[]) => ChunkOutcome;

export class DmlEngine {
  constructor(private readonly host: DmlHost) {}

  insert(tx: Transaction, records: SObjectRecord[], options: DmlOptions = {}): SaveResult[] {
    const type = this.typeOf(records, options);
    return this.statement(tx, records, options, (items) => insertChunk(this.host, tx, type, items, options));
  }

  update(tx: Transaction, records: SObjectRecord[], options: DmlOptions = {}): SaveResult[] {
    const type = this.typeOf(records, options);
    return this.statement(tx, records, options, (items) => updateChunk(this.host, tx, type, items, options));
  }

  delete(tx: Transaction, typeName: string, ids: string[], options: DmlOptions = {}): SaveResult[] {
    const type = this.resolveType(typeName, options);
    return this.statement(tx, ids, options, (items) => deleteChunk(this.host, tx, type, items));
  }

  /**
   * Inserts the records whose external id matches no live record and updates the ones it
   * matches (one match; several are DUPLICATE_EXTERNAL_ID). `created` tells which happened.
   */
  upsert(tx: Transaction, records: SObjectRecord[], externalIdField: string, options: DmlOptions = {}): UpsertResult[] {
    const type = this.typeOf(records, options);
    const field = type.getField(externalIdField);
    if (field === undefined || !(field.externalId || field.name === 'Id')) {
      throw new ApexException('System.SObjectException', `Invalid field for upsert, must be an External Id custom or standard indexed field: ${externalIdField}`);
    }

    const plan = records.map((record) => this.planUpsert(type, field.name, record));
    const results: UpsertResult[] = plan.map((entry) => ({ id: null, success: false, errors: entry.error === undefined ? [] : [entry.error], created: entry.mode === 'insert' }));
    const pick = (mode: 'insert' | 'update') => plan.map((entry, i) => ({ entry, i })).filter(({ entry }) => entry.mode === mode && entry.error === undefined);

    const run = (): void => {
      const inserts = pick('insert');
      const updates = pick('update');
      const inserted = inserts.length === 0 ? [] : this.insert(tx, inserts.map(({ entry }) => entry.record), { ...options, allOrNone: false });
      const updated = updates.length === 0 ? [] : this.update(tx, updates.map(({ entry }) => entry.record), { ...options, allOrNone: false });
      inserts.forEach(({ i }, k) => (results[i] = { ...(inserted[k] as SaveResult), created: true }));
      updates.forEach(({ i }, k) => (results[i] = { ...(updated[k] as SaveResult), created: false }));
      if (options.allOrNone !== false && results.some((result) => !result.success)) throw new DmlException(rowErrors(results));
    };

    tx.atomically(run);
    return results;
  }

  private planUpsert(type: SObjectType, fieldName: string, record: SObjectRecord): { mode: 'insert' | 'update'; record: SObjectRecord; error?: DmlError } {
    if (fieldName === 'Id' || typeof record.Id === 'string') {
      return record.Id === undefined || record.Id === null ? { mode: 'insert', record } : { mode: 'update', record };
    }
    const key = Object.keys(record).find((name) => name.toLowerCase() === fieldName.toLowerCase());
    const value = key === undefined ? undefined : record[key];
    if (value === undefined || value === null || value === '') {
      return { mode: 'insert', record, error: { statusCode: 'MISSING_ARGUMENT', message: `${fieldName} not specified`, fields: [fieldName] } };
    }
    const matches = this.host.table(type).findBy(fieldName, value as string);
    if (matches.length > 1) {
      const ids = matches.map((match) => match.Id).join(', ');
      return { mode: 'update', record, error: { statusCode: 'DUPLICATE_EXTERNAL_ID', message: `${fieldName}: more than one record found for external id field: [${ids}]`, fields: [fieldName] } };
    }
    const match = matches[0];
    return match === undefined ? { mode: 'insert', record } : { mode: 'update', record: { ...record, Id: match.Id } };
  }

  /** One DML statement: chunks, attempts, and the all-or-none rule. */
  private statement<T>(tx: Transaction, items: T[], options: DmlOptions, step: ChunkStep<T>): SaveResult[] {
    tx.limits.countDml(items.length);
    const allOrNone = options.allOrNone !== false;
    const results: SaveResult[] = [];

    const run = (): void => {
      for (let start = 0; start < items.length; start += CHUNK_SIZE) {
        const chunk = items.slice(start, start + CHUNK_SIZE);
        results.push(...(allOrNone ? step(chunk).results : this.partial(tx, chunk, step)));
      }
      if (allOrNone && results.some((result) => !result.success)) throw new DmlException(rowErrors(results));
    };

    tx.atomically(run);
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
      results[position] = { id: null, success: false, errors: [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'Too many batch retries in the presence of Apex triggers and partial failures.', fields: [] }] };
    }
    return results as SaveResult[];
  }

  private typeOf(records: SObjectRecord[], options: DmlOptions): SObjectType {
    const names = new Set(records.map((record) => record.attributes?.type));
    if (names.size > 1) {
      throw new ApexException('System.TypeException', 'DML on a list of mixed sObject types is not supported by aflo-emu (see docs/fidelity.md)');
    }
    const name = records[0]?.attributes?.type;
    if (name === undefined) {
      if (records.length === 0) return this.resolveType('User', { system: true });
      throw new ApexException('System.SObjectException', 'a record passed to DML has no attributes.type; build it with sobject(type, fields)');
    }
    return this.resolveType(name, options);
  }

  private resolveType(name: string, options: DmlOptions): SObjectType {
    const type = this.host.schema.find(name);
    if (type === undefined) throw new ApexException('System.TypeException', `Invalid type: ${name}`);
    if (!type.createable && options.system !== true) {
      throw new ApexException('System.TypeException', `DML operation not allowed on ${type.name}`);
    }
    return type;
  }
}

class RetryChunk extends Error {}

function rowErrors(results: SaveResult[]): DmlRowError[] {
  return results.flatMap((result, index) =>
    result.errors.map((error) => ({ index, statusCode: error.statusCode, message: error.message, fields: error.fields })),
  );
}
