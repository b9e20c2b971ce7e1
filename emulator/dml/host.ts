/** What the DML engine needs from its org. */
import type { OrgClock } from '../clock.ts';
import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { RecordTable } from '../storage/records.ts';
import type { Sequences } from '../storage/store.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { TriggerRegistry } from './triggers.ts';

export type DmlOperation = 'insert' | 'update' | 'delete' | 'undelete';

export interface DmlHost {
  readonly schema: SchemaRegistry;
  readonly clock: OrgClock;
  readonly triggers: TriggerRegistry;
  readonly sequences: Sequences;
  table(type: SObjectType): RecordTable;
  /** The user DML runs as (CreatedById, LastModifiedById). */
  userId(): string;
  /** Told of every committed write, after the commit (observers, progress, tests). */
  recordsWritten(tx: Transaction, type: SObjectType, operation: DmlOperation, ids: string[]): void;
}
