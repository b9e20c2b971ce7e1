/** What a DML operation reports per record, as Database.SaveResult and friends do. */
import type { ErrorCode } from '../errors.ts';

export interface DmlError {
  statusCode: ErrorCode;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: DmlError[];
}

export interface UpsertResult extends SaveResult {
  created: boolean;
}

export interface DmlOptions {
  /** All or nothing (Apex DML statements, the default) or save what can be saved. */
  allOrNone?: boolean;
  /** Platform writes (job rows, audit): may write system fields and non-createable types. */
  system?: boolean;
}
