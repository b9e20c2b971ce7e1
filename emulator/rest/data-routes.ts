/**
 * The data API under `/services/data/v{version}` (session and version already checked): one
 * table of paths and the methods each answers; any other method on a known path is 405
 * METHOD_NOT_ALLOWED, and an unknown path falls through to the app's 404 NOT_FOUND.
 *
 * Bodies of writes must be JSON (else 415) of at most 50 MB (else 413); malformed JSON is 400
 * JSON_PARSER_ERROR. Every response carries `Sforce-Limit-Info`.
 */
import express, { Router, type RequestHandler } from 'express';
import {
  createCollection,
  deleteCollection,
  retrieveCollection,
  updateCollection,
  upsertCollection,
} from './data-composite.ts';
import { ApiUsage, countApiUsage, limitsResource } from './data-limits.ts';
import { createRecord, deleteRecord, retrieveRecord, updateRecord } from './data-records.ts';
import { methodNotAllowed, requireJsonBody } from './data-request.ts';
import { compositeResources, recentItems, versionResources } from './data-resources.ts';
import { createById, retrieveByExternalId, upsertRecord } from './data-upsert.ts';
import { describeGlobal, describeType, sobjectBasicInfo } from './describe-routes.ts';
import { QueryCursorStore } from './query-cursors.ts';
import { nextBatch, runQuery } from './query-routes.ts';
import type { RestDeps } from './rest-deps.ts';

/** The largest request body accepted, in bytes (50 MB). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

type Method = 'get' | 'post' | 'patch' | 'delete';
type Routes = Record<string, Partial<Record<Method, RequestHandler>>>;

/** The record URL, whose POST is only create-by-Id and says itself what else is allowed. */
const RECORD_PATH = '/sobjects/:type/:id';

/** The data API's router; its query cursors and API usage count live as long as it does. */
export function dataRoutes(deps: RestDeps): Router {
  const router = Router({ mergeParams: true });
  const usage = new ApiUsage(deps.org);
  router.use(countApiUsage(usage), requireJsonBody, express.json({ limit: MAX_BODY_BYTES }));

  for (const [path, handlers] of Object.entries(routeTable(deps, usage))) {
    const route = router.route(path);
    for (const [method, handler] of Object.entries(handlers)) route[method as Method](handler);
    const allowed = Object.keys(handlers).filter((m) => path !== RECORD_PATH || m !== 'post');
    route.all(methodNotAllowed(allowed.map((method) => method.toUpperCase())));
  }
  return router;
}

/** Every path of the data API and the handler of each method it answers. */
function routeTable(deps: RestDeps, usage: ApiUsage): Routes {
  const cursors = new QueryCursorStore(deps.org.clock);
  const next = nextBatch(cursors);
  return {
    '/': { get: versionResources(deps) },
    '/limits': { get: limitsResource(deps, usage) },
    '/recent': { get: recentItems },
    '/query': { get: runQuery(deps, cursors, { includeDeleted: false }) },
    '/query/:locator': { get: next },
    '/queryAll': { get: runQuery(deps, cursors, { includeDeleted: true }) },
    '/queryAll/:locator': { get: next },
    '/sobjects': { get: describeGlobal(deps) },
    '/sobjects/:type': { get: sobjectBasicInfo(deps), post: createRecord(deps) },
    '/sobjects/:type/describe': { get: describeType(deps) },
    [RECORD_PATH]: {
      get: retrieveRecord(deps),
      patch: updateRecord(deps),
      delete: deleteRecord(deps),
      post: createById(deps),
    },
    '/sobjects/:type/:field/:value': {
      get: retrieveByExternalId(deps),
      patch: upsertRecord(deps),
    },
    '/composite': { get: compositeResources },
    '/composite/sobjects': {
      post: createCollection(deps),
      patch: updateCollection(deps),
      delete: deleteCollection(deps),
    },
    '/composite/sobjects/:type': {
      get: retrieveCollection(deps),
      post: retrieveCollection(deps),
    },
    '/composite/sobjects/:type/:field': { patch: upsertCollection(deps) },
  };
}
