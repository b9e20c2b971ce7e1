/**
 * Rows of the platform-owned async objects (AsyncApexJob, CronTrigger, CronJobDetail), written
 * straight to their tables. No trigger can be defined on them and no user value reaches them, so
 * these writes skip DML's validation and triggers (every job run writes three of them) but keep
 * the Ids, audit fields and the `records:written` notice.
 */
import { makeId } from '../ids.ts';
import type { DmlHost } from '../dml/host.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { StoredRecord } from '../storage/records.ts';
import type { Transaction } from '../transaction/transaction.ts';

export class JobRows {
  readonly type: SObjectType;

  constructor(
    private readonly host: DmlHost,
    typeName = 'AsyncApexJob',
  ) {
    const type = host.schema.find(typeName);
    if (type === undefined) throw new Error(`the org has no ${typeName} type`);
    this.type = type;
  }

  /** Inserts a job row inside `tx` and returns its Id. */
  insert(tx: Transaction, fields: Record<string, FieldValue>): string {
    tx.beginWrite();
    const now = this.host.clock.now();
    const user = this.host.userId();
    const id = makeId(
      this.type.keyPrefix,
      this.host.sequences.reserve(`id.${this.type.keyPrefix}`),
    );
    const record: StoredRecord = {
      attributes: { type: this.type.name },
      ...Object.fromEntries(this.type.fields.map((field) => [field.name, null])),
      ...fields,
      Id: id,
      CreatedDate: now,
      CreatedById: user,
      LastModifiedDate: now,
      LastModifiedById: user,
      SystemModstamp: now,
      IsDeleted: false,
    };
    this.host.table(this.type).insert(record);
    tx.onCommit(() => this.host.recordsWritten(tx, this.type, 'insert', [id]));
    return id;
  }

  /** Writes the given fields of a job row inside `tx`, with the audit fields. */
  update(tx: Transaction, id: string, changes: Record<string, FieldValue>): void {
    tx.beginWrite();
    const now = this.host.clock.now();
    this.host.table(this.type).update(id, {
      ...changes,
      LastModifiedDate: now,
      LastModifiedById: this.host.userId(),
      SystemModstamp: now,
    });
  }

  /** Removes a row for good (a deleted scheduled job leaves no trace, not even in the recycle bin). */
  remove(tx: Transaction, id: string): void {
    tx.beginWrite();
    this.host.table(this.type).hardDelete(id);
    tx.onCommit(() => this.host.recordsWritten(tx, this.type, 'delete', [id]));
  }
}
