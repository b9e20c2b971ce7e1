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
  if (bodyError.type === 'entity.too.large' || bodyError.type === 'parameters.too.many') {
    return {
      status: 413,
      body: { errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body is too large' },
    };
  }
  if (bodyError.type === 'charset.unsupported' || bodyError.type === 'encoding.unsupported') {
    return {
      status: 415,
      body: {
        errorCode: 'UNSUPPORTED_MEDIA_TYPE',
        message: `${bodyError.message ?? 'Unsupported body'}: send UTF-8 JSON, uncompressed or gzip`,
      },
    };
  }
  if (isClientError(bodyError.status)) {
    // Any other error of the body parsers or the router (a bad gzip body, a bad %-escape).
    return {
      status: 400,
      body: { errorCode: 'JSON_PARSER_ERROR', message: bodyError.message ?? 'Bad request' },
    };
  }
  if (error instanceof URIError) return { status: 404, body: notFound().toWire() };
  if (isTooDeep(error)) {
    return {
      status: 400,
      body: { errorCode: 'JSON_PARSER_ERROR', message: 'The request body is nested too deeply' },
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

function isClientError(status: unknown): boolean {
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A body so deeply nested that walking it overflowed the stack, here or inside Apex. */
export function isTooDeep(error: unknown): boolean {
  const cause = error instanceof ApexException ? error.cause : error;
  return cause instanceof RangeError && /call stack/i.test(cause.message);
}
