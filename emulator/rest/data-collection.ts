/**
 * sObject Collections: up to 200 records (or Ids) in one request, processed in order as one
 * transaction, with one result per record in request order (`statusCode`, not `errorCode`, in
 * each error). Records of one type that follow each other go to DML together, as the platform's
 * chunks do.
 *
 * With `allOrNone` a single failure undoes the whole request: the records that failed keep their
 * own errors and every other one reports ALL_OR_NONE_OPERATION_ROLLED_BACK. Without it each
 * record stands alone, with DML's partial-save retries.
 */
import { DmlException } from '../errors.ts';
import type { DmlError, SaveResult, UpsertResult } from '../dml/results.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { Org } from '../org.ts';
import type { SObjectRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import { runWrite } from './data-dml.ts';

/** The most records (or Ids) one collection write takes. */
export const MAX_COLLECTION_RECORDS = 200;

/** One record (or Id) of a collection, prepared before any write. */
export interface CollectionItem {
  /** The record's type; undefined only when `problem` says why there is none. */
  type: SObjectType | undefined;
  /** What DML gets: a record (create, update, upsert) or an Id (delete). */
  input: SObjectRecord | string;
  /** The Id known before the write (update, delete, an upsert's match): its result carries it. */
  knownId?: string;
  /** Upserts: whether the record is to be inserted. */
  created?: boolean;
  /** Why the record is not written, found before any DML. */
  problem?: DmlError;
}

/** The DML of one run of same-type items. */
export type CollectionStep = (
  tx: Transaction,
  type: SObjectType,
  inputs: Array<SObjectRecord | string>,
  allOrNone: boolean,
) => Array<SaveResult | UpsertResult>;

/** One record's result on the wire. */
export interface CollectionResult {
  id?: string;
  success: boolean;
  errors: DmlError[];
  created?: boolean;
}

const ROLLED_BACK: DmlError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

class RollBack extends Error {}

/**
 * Writes the items in one transaction and returns their results in order. `upsert` adds
 * `created` to each result.
 */
export async function runCollection(
  org: Org,
  items: readonly CollectionItem[],
  options: { allOrNone: boolean; upsert: boolean },
  step: CollectionStep,
): Promise<CollectionResult[]> {
  const { allOrNone } = options;
  const outcomes: Array<SaveResult | UpsertResult | undefined> = items.map((item) =>
    item.problem === undefined ? undefined : failure([item.problem]),
  );
  const failedEarly = outcomes.some((outcome) => outcome !== undefined);
  if (allOrNone && failedEarly) return results(items, outcomes, options, true);

  let rolledBack = false;
  try {
    await runWrite(org, (tx) => {
      let failed = false;
      for (const run of sameTypeRuns(items)) {
        failed = writeRun(tx, run, items, outcomes, allOrNone, step) || failed;
      }
      if (allOrNone && failed) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    rolledBack = true;
  }
  return results(items, outcomes, options, rolledBack);
}

/** Writes one run; returns whether a record of it failed. */
function writeRun(
  tx: Transaction,
  run: { type: SObjectType; positions: number[] },
  items: readonly CollectionItem[],
  outcomes: Array<SaveResult | UpsertResult | undefined>,
  allOrNone: boolean,
  step: CollectionStep,
): boolean {
  const inputs = run.positions.map((position) => (items[position] as CollectionItem).input);
  try {
    const saved = step(tx, run.type, inputs, allOrNone);
    saved.forEach((result, k) => (outcomes[run.positions[k] ?? -1] = result));
    return saved.some((result) => !result.success);
  } catch (error) {
    // All or none: DML undid the run and says which records failed, by position in the run.
    if (!(allOrNone && error instanceof DmlException)) throw error;
    for (const row of error.rows) {
      const position = run.positions[row.index] ?? -1;
      const previous = outcomes[position]?.errors ?? [];
      const { statusCode, message, fields } = row;
      outcomes[position] = failure([...previous, { statusCode, message, fields }]);
    }
    return true;
  }
}

/** Items without a problem, grouped into runs of consecutive records of one type. */
function sameTypeRuns(
  items: readonly CollectionItem[],
): Array<{ type: SObjectType; positions: number[] }> {
  const runs: Array<{ type: SObjectType; positions: number[] }> = [];
  items.forEach((item, position) => {
    if (item.problem !== undefined || item.type === undefined) return;
    const last = runs.at(-1);
    if (last?.type === item.type) last.positions.push(position);
    else runs.push({ type: item.type, positions: [position] });
  });
  return runs;
}

function failure(errors: DmlError[]): SaveResult {
  return { id: null, success: false, errors };
}

function results(
  items: readonly CollectionItem[],
  outcomes: ReadonlyArray<SaveResult | UpsertResult | undefined>,
  options: { upsert: boolean },
  rolledBack: boolean,
): CollectionResult[] {
  return items.map((item, i) => {
    const outcome = outcomes[i];
    const failed = outcome !== undefined && !outcome.success;
    const created = outcome !== undefined && 'created' in outcome ? outcome.created : item.created;
    const result: CollectionResult =
      !failed && !rolledBack && outcome !== undefined
        ? { id: outcome.id ?? item.knownId ?? '', success: true, errors: [] }
        : {
            ...(item.knownId === undefined ? {} : { id: item.knownId }),
            success: false,
            errors: failed ? outcome.errors : [ROLLED_BACK],
          };
    return options.upsert ? { ...result, created: created ?? false } : result;
  });
}
