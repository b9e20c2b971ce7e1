/**
 * The describe resources: `GET /sobjects` (describeGlobal), `GET /sobjects/{Type}` (basic
 * information and recent items) and `GET /sobjects/{Type}/describe`. The org's schema does not
 * change while it runs, so each answer is built once per type and API version.
 */
import type { RequestHandler } from 'express';
import type { WireValue } from '../wire.ts';
import { basePath, pathParam, pathType } from './data-request.ts';
import { describeSObject, globalEntry } from './describe-sobject.ts';
import type { RestDeps } from './rest-deps.ts';

/** The most records a collection request takes, as describeGlobal announces it. */
const MAX_BATCH_SIZE = 200;

/** `GET /sobjects`: `{encoding, maxBatchSize, sobjects}`. */
export function describeGlobal({ org }: RestDeps): RequestHandler {
  const cache = new Map<string, WireValue>();
  return (_req, res) => {
    const base = basePath(res);
    let body = cache.get(base);
    if (body === undefined) {
      const sobjects = org.schema.all().map((type) => globalEntry(type, base));
      body = { encoding: 'UTF-8', maxBatchSize: MAX_BATCH_SIZE, sobjects };
      cache.set(base, body);
    }
    res.json(body);
  };
}

/**
 * `GET /sobjects/{Type}`: `{objectDescribe, recentItems}`. Nobody views records in the emulator,
 * so there are no recent items.
 */
export function sobjectBasicInfo({ org }: RestDeps): RequestHandler {
  return (req, res) => {
    const type = pathType(org.schema, pathParam(req, 'type'));
    res.json({ objectDescribe: globalEntry(type, basePath(res)), recentItems: [] });
  };
}

/** `GET /sobjects/{Type}/describe`: fields, child relationships, record types. */
export function describeType({ org }: RestDeps): RequestHandler {
  const cache = new Map<string, WireValue>();
  return (req, res) => {
    const type = pathType(org.schema, pathParam(req, 'type'));
    const key = `${basePath(res)} ${type.name}`;
    let body = cache.get(key);
    if (body === undefined) {
      body = describeSObject(type, org.schema, basePath(res));
      cache.set(key, body);
    }
    res.json(body);
  };
}
