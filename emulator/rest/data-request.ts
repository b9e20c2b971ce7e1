/**
 * What every data route reads from its request: the API version, the sObject type named in the
 * path, query parameters, and the guards that answer a wrong method or content type the way the
 * platform does.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import { notFound, restError } from './rest-errors.ts';

/** The bare API version of the request (`62.0`), as requireVersion left it. */
export function apiVersionOf(res: Response): string {
  return String(res.locals.apiVersion);
}

/** `/services/data/v62.0`: the versioned base every URL the API writes starts with. */
export function basePath(res: Response): string {
  return `/services/data/v${apiVersionOf(res)}`;
}

/** The type named in the path (any case), or 404 NOT_FOUND as for any unknown resource. */
export function pathType(schema: SchemaRegistry, name: string | undefined): SObjectType {
  const type = name === undefined ? undefined : schema.find(name);
  if (type === undefined) throw notFound();
  return type;
}

/** A path parameter as a string ('' when absent). */
export function pathParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}

/** A query parameter's text; undefined when absent. Given more than once, the first counts. */
export function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** A `true`/`false` query parameter (case-insensitive); anything else is false. */
export function flagParam(req: Request, name: string): boolean {
  return queryParam(req, name)?.toLowerCase() === 'true';
}

/**
 * Writes must send JSON: a body of any other type is 415 UNSUPPORTED_MEDIA_TYPE before anything
 * reads it (the platform's XML bodies are not served here, see docs/fidelity.md).
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
  if (hasBody && req.is('application/json') === false) {
    const type = req.headers['content-type'] ?? 'none';
    throw restError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content type '${type}' is not supported: send the body as application/json`,
    );
  }
  next();
};

/** The last handler of a route: every other method is 405 METHOD_NOT_ALLOWED, naming those that are. */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  const list = allowed.includes('GET') ? ['HEAD', ...allowed] : [...allowed];
  return (req, res) => {
    res.set('Allow', list.join(', '));
    throw restError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${req.method}' not allowed. Allowed are ${list.join(',')}`,
    );
  };
}
