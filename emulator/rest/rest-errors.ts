/**
 * Errors on the wire, as the REST API writes them: a JSON array of
 * `{message, errorCode, fields}` with the platform's status. Every failure a router throws ends
 * here; anything that is not a Salesforce error is a 500 UNKNOWN_EXCEPTION that names no
 * internals (the details go to the log).
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ApexException, SalesforceError, type ErrorCode } from '../errors.ts';

export interface WireError {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** Sends the platform's error body. */
export function sendErrors(res: Response, status: number, errors: readonly WireError[]): void {
  res.status(status).json(errors.map((error) => ({ fields: [], ...error })));
}

/** A Salesforce error with an HTTP status, for routers to throw. */
export function restError(
  status: number,
  errorCode: ErrorCode,
  message: string,
  fields: string[] = [],
): SalesforceError {
  return new SalesforceError(errorCode, message, fields, status);
}

/** The resource does not exist (unknown path, record or type). */
export function notFound(message = 'The requested resource does not exist'): SalesforceError {
  return restError(404, 'NOT_FOUND', message);
}

/** The last middleware: maps what was thrown to the wire. */
export function restErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, body } = wireErrorOf(error);
    if (status >= 500) logger.error({ err: error }, 'REST request failed');
    sendErrors(res, status, [body]);
  };
}

function wireErrorOf(error: unknown): { status: number; body: WireError } {
  if (error instanceof SalesforceError) return { status: error.httpStatus, body: error.toWire() };
  const bodyError = error as { type?: string; status?: number; message?: string };
  if (bodyError.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: {
        errorCode: 'JSON_PARSER_ERROR',
        message: `The request body is not valid JSON: ${bodyError.message ?? ''}`,
      },
    };
  }
  if (bodyError.type === 'entity.too.large') {
    return {
      status: 413,
      body: { errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body is too large' },
    };
  }
  if (error instanceof ApexException) {
    return { status: 500, body: { errorCode: 'APEX_ERROR', message: error.describe() } };
  }
  return {
    status: 500,
    body: {
      errorCode: 'UNKNOWN_EXCEPTION',
      message: 'An unexpected error occurred in aflo-emu; the server log has the details',
    },
  };
}
