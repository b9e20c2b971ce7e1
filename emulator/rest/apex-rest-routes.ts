/**
 * Apex REST: the packages' `@RestResource` classes at `/services/apexrest{urlMapping}` (with a
 * session) and under the public site's prefix (without one). A request flows:
 *
 * 1. guard: the raw body is read (at most PLATFORM_BODY_LIMIT, else 413), the path is matched
 *    (apex-rest-registry.ts; none is 404 NOT_FOUND) and the verb checked (405 METHOD_NOT_ALLOWED);
 * 2. execute: the handler runs in one org transaction of kind `rest`, callouts allowed;
 * 3. map: what it returned is sent as JSON, else the response it filled in; what it threw rolls
 *    the transaction back and answers 500 APEX_ERROR with the exception, as the platform does.
 */
import express, { Router, type Request, type Response } from 'express';
import { toApexException } from '../errors.ts';
import { StoreError } from '../storage/store.ts';
import {
  REST_METHODS,
  type ApexRestHandler,
  type ApexRestResource,
  type RestMethod,
  type RestRequest,
  type RestResponse,
} from './apex-rest-resource.ts';
import type { RestDeps } from './rest-deps.ts';
import { isTooDeep, notFound, restError } from './rest-errors.ts';

/** The largest request body an Apex REST call may carry (the platform's 6 MB heap). */
export const PLATFORM_BODY_LIMIT = '6mb';

export function apexRestRoutes(deps: RestDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(express.raw({ type: () => true, limit: PLATFORM_BODY_LIMIT }));
  router.use(async (req, res) => {
    const resource = deps.org.restResources.match(req.path);
    if (resource === undefined) throw notFound(`Could not find a match for URL ${req.path}`);
    const { method, handler } = handlerOf(resource, req.method);

    const request = restRequestOf(req, resource, method);
    const response: RestResponse = { statusCode: 200, headers: {}, responseBody: null };
    const returned = await runHandler(deps, resource, handler, request, response);

    send(res, response, returned);
  });
  return router;
}

function handlerOf(
  resource: ApexRestResource,
  verb: string,
): { method: RestMethod; handler: ApexRestHandler } {
  const method = REST_METHODS.find((candidate) => candidate === verb);
  const handler = method === undefined ? undefined : resource.handlers[method];
  if (method === undefined || handler === undefined) {
    const allowed = REST_METHODS.filter((candidate) => resource.handlers[candidate] !== undefined);
    throw restError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${verb}' not allowed. Allowed are ${allowed.join(',')}`,
    );
  }
  return { method, handler };
}

function restRequestOf(req: Request, resource: ApexRestResource, method: RestMethod): RestRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === 'string') params[name] = last;
  }
  const body: unknown = req.body;
  return {
    httpMethod: method,
    requestURI: req.path,
    resourcePath: resource.urlMapping,
    headers,
    params,
    requestBody: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

async function runHandler(
  deps: RestDeps,
  resource: ApexRestResource,
  handler: ApexRestHandler,
  request: RestRequest,
  response: RestResponse,
): Promise<unknown> {
  try {
    return await deps.org.run(
      { kind: 'rest', allowsCallouts: true, className: resource.className },
      () => handler(request, response),
    );
  } catch (thrown) {
    // The store failing is the emulator's fault (500 UNKNOWN_EXCEPTION), a body nested deeper
    // than the stack allows the caller's (400): neither is the class's exception.
    if (thrown instanceof StoreError || isTooDeep(thrown)) throw thrown;
    const exception = toApexException(thrown);
    const trace = exception.apexStackTrace === '' ? '' : `\n\n${exception.apexStackTrace}`;
    throw restError(500, 'APEX_ERROR', `${exception.describe()}${trace}`);
  }
}

function send(res: Response, response: RestResponse, returned: unknown): void {
  res.status(response.statusCode);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (res.getHeader('content-type') === undefined) {
    res.setHeader('content-type', 'application/json;charset=UTF-8');
  }
  if (returned !== undefined) {
    res.end(JSON.stringify(returned) ?? 'null');
    return;
  }
  res.end(response.responseBody ?? '');
}
