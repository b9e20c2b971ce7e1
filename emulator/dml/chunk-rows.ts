/**
 * The per-record bookkeeping of one DML chunk: each record's errors by its position, which
 * records are still in the running, and the results and written-records notice at the end.
 */
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { StoredRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { DmlHost, DmlOperation } from './host.ts';
import type { DmlError, SaveResult } from './results.ts';

export interface ChunkOutcome {
  results: SaveResult[];
}

export class Rows {
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
      errors.length === 0
        ? { id: ids[i] ?? null, success: true, errors: [] }
        : { id: null, success: false, errors },
    );
  }
}

/** Positions of the records with no error so far. */
export function livePositions(rows: Rows, size: number): number[] {
  return Array.from({ length: size }, (_, i) => i).filter((i) => rows.ok(i));
}

/** The chunk's results, and the notice of what it wrote once the transaction commits. */
export function finish(
  host: DmlHost,
  tx: Transaction,
  type: SObjectType,
  operation: Exclude<DmlOperation, 'insert'>,
  rows: Rows,
  live: number[],
  olds: Array<StoredRecord | undefined>,
): ChunkOutcome {
  const ids = olds.map((old) => old?.Id ?? null);
  const written = live.filter((i) => rows.ok(i)).map((i) => ids[i] as string);
  tx.onCommit(() => host.recordsWritten(tx, type, operation, written));
  return { results: rows.results(ids) };
}
