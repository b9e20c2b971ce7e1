/**
 * Errors the emulator raises, in two families:
 *
 * - `SalesforceError`: an error with a platform status code (`errorCode`), the fields it concerns
 *   and the HTTP status the REST API answers with. DML, SOQL and the REST layer raise these; the
 *   wire body is `[{ message, errorCode, fields }]`.
 * - `ApexException`: what Apex code sees as a thrown `System.*Exception`: a type name and a
 *   message. An unhandled one rolls its transaction back and fails its job.
 *
 * Messages say what happened and, where it helps, what to do; tests assert on codes, not wording.
 */

export type ErrorCode =
  | 'ALL_OR_NONE_OPERATION_ROLLED_BACK'
  | 'APEX_ERROR'
  | 'INVALID_SESSION_ID'
  | 'JSON_PARSER_ERROR'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_ENTITY_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY'
  | 'DUPLICATE_EXTERNAL_ID'
  | 'DUPLICATE_VALUE'
  | 'EXCEEDED_ID_LIMIT'
  | 'ENTITY_IS_DELETED'
  | 'FIELD_CUSTOM_VALIDATION_EXCEPTION'
  | 'FIELD_INTEGRITY_EXCEPTION'
  | 'FUNCTIONALITY_NOT_ENABLED'
  | 'INVALID_EMAIL_ADDRESS'
  | 'INVALID_CROSS_REFERENCE_KEY'
  | 'INVALID_FIELD'
  | 'INVALID_FIELD_FOR_INSERT_UPDATE'
  | 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
  | 'INVALID_QUERY_LOCATOR'
  | 'INVALID_TYPE'
  | 'INVALID_TYPE_FOR_OPERATION'
  | 'INVALID_TYPE_ON_FIELD_IN_RECORD'
  | 'MALFORMED_ID'
  | 'MALFORMED_QUERY'
  | 'MISSING_ARGUMENT'
  | 'NOT_FOUND'
  | 'NUMBER_OUTSIDE_VALID_RANGE'
  | 'QUERY_TOO_COMPLICATED'
  | 'REQUIRED_FIELD_MISSING'
  | 'STRING_TOO_LONG'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'UNDELETE_FAILED'
  | 'UNKNOWN_EXCEPTION';

/** An error the platform reports with a status code. */
export class SalesforceError extends Error {
  override readonly name = 'SalesforceError';

  constructor(
    readonly errorCode: ErrorCode,
    message: string,
    readonly fields: string[] = [],
    /** The HTTP status the REST API answers with. */
    readonly httpStatus = 400,
  ) {
    super(message);
  }

  /** The REST error body element. */
  toWire(): { message: string; errorCode: ErrorCode; fields: string[] } {
    return { message: this.message, errorCode: this.errorCode, fields: this.fields };
  }
}

/** One record's failure inside a DML operation. */
export interface DmlRowError {
  /** Position of the record in the DML call. */
  index: number;
  statusCode: ErrorCode;
  message: string;
  fields: string[];
}

/** An exception as Apex code sees it (`System.LimitException`, `System.DmlException`, …). */
export class ApexException extends Error {
  override readonly name = 'ApexException';
  /** Where Apex code raised it, e.g. `AnonymousBlock: line 1, column 1`; empty when unknown. */
  apexStackTrace = '';

  constructor(
    /** The Apex exception type, namespace included: `System.CalloutException`. */
    readonly type: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `System.LimitException: Too many queueable jobs added to the queue: 2`. */
  describe(): string {
    return `${this.type}: ${this.message}`;
  }
}

/** The DML operation a DmlException names: `Insert failed. First exception on row 0; …`. */
export type DmlVerb = 'Insert' | 'Update' | 'Upsert' | 'Delete' | 'Undelete' | 'DML';

/** `System.DmlException`: a DML statement failed; `rows` says which records and why. */
export class DmlException extends ApexException {
  constructor(
    readonly rows: DmlRowError[],
    operation: DmlVerb = 'DML',
  ) {
    super('System.DmlException', describeDmlRows(rows, operation));
  }

  /** The status code of the first failed row, as `e.getDmlType(0)` would give. */
  get statusCode(): ErrorCode {
    return this.rows[0]?.statusCode ?? 'UNKNOWN_EXCEPTION';
  }
}

function describeDmlRows(rows: DmlRowError[], operation: DmlVerb): string {
  const first = rows[0];
  if (first === undefined) return `${operation} failed`;
  const fields = first.fields.length > 0 ? `: [${first.fields.join(', ')}]` : '';
  return `${operation} failed. First exception on row ${first.index}; first error: ${first.statusCode}, ${first.message}${fields}`;
}

/** Turns anything thrown into an ApexException, the way the platform reports an unhandled error. */
export function toApexException(error: unknown): ApexException {
  if (error instanceof ApexException) return error;
  if (error instanceof SalesforceError) {
    const type =
      error.errorCode === 'MALFORMED_QUERY' || error.errorCode === 'INVALID_FIELD'
        ? 'System.QueryException'
        : 'System.UnexpectedException';
    return new ApexException(type, error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApexException('System.UnexpectedException', message, { cause: error });
}
