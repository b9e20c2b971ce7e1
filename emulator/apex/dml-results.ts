/**
 * `Database.SaveResult` and friends as a script holds them: what `Database.insert(records,
 * false)` returns. They print as the platform prints them
 * (`Database.SaveResult[getErrors=();getId=a01…;isSuccess=true;]`).
 */

import type { DmlOperation, DmlRowResult } from './host.ts';
import type { PlatformTypeName } from './static-types.ts';

/** `Database.Error`: one reason a record failed. */
export class DatabaseError {
  constructor(
    readonly statusCode: string,
    readonly message: string,
    readonly fields: readonly string[],
  ) {}

  toString(): string {
    return `Database.Error[getFields=(${this.fields.join(', ')});getMessage=${this.message};getStatusCode=${this.statusCode};]`;
  }
}

/** The result type each DML operation answers with. */
export const RESULT_TYPES: Readonly<Record<DmlOperation, PlatformTypeName>> = {
  insert: 'Database.SaveResult',
  update: 'Database.SaveResult',
  upsert: 'Database.UpsertResult',
  delete: 'Database.DeleteResult',
  undelete: 'Database.UndeleteResult',
};

/** One record's outcome: a SaveResult, UpsertResult, DeleteResult or UndeleteResult. */
export class DmlResult {
  readonly errors: readonly DatabaseError[];

  constructor(
    readonly apexType: PlatformTypeName,
    private readonly row: DmlRowResult,
  ) {
    this.errors = row.errors.map(
      (error) => new DatabaseError(error.statusCode, error.message, error.fields),
    );
  }

  get id(): string | null {
    return this.row.id;
  }

  get success(): boolean {
    return this.row.success;
  }

  get created(): boolean {
    return this.row.created;
  }

  toString(): string {
    const created = this.apexType === 'Database.UpsertResult' ? `isCreated=${this.created};` : '';
    const errors = this.errors.map(String).join(', ');
    return `${this.apexType}[getErrors=(${errors});getId=${String(this.id)};${created}isSuccess=${this.success};]`;
  }
}
