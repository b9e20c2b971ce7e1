/**
 * Resource maps: `GET /services/data/vXX.X/` (what the version serves), `GET …/composite`
 * (the composite resources served) and `GET …/recent` (recently viewed records: none, since
 * nobody views records in the emulator). Only resources the emulator answers are listed.
 */
import type { RequestHandler } from 'express';
import { basePath } from './data-request.ts';
import { instanceUrlOf } from './instance-url.ts';
import { sessionOf } from './require-session.ts';
import type { RestDeps } from './rest-deps.ts';

const RESOURCES = ['sobjects', 'query', 'queryAll', 'tooling', 'composite', 'limits', 'recent'];

/** `GET /`: each resource's URL, and `identity`, the user's identity URL (identity-routes.ts). */
export function versionResources({ org }: RestDeps): RequestHandler {
  return (req, res) => {
    const base = basePath(res);
    const body: Record<string, string> = {};
    for (const name of RESOURCES) body[name] = `${base}/${name}`;
    body.identity = `${instanceUrlOf(req)}/id/${org.orgId()}/${sessionOf(res).userId}`;
    res.json(body);
  };
}

/** `GET /composite`: the composite resources served. */
export const compositeResources: RequestHandler = (_req, res) => {
  res.json({ sobjects: `${basePath(res)}/composite/sobjects` });
};

/** `GET /recent`: recently viewed records. */
export const recentItems: RequestHandler = (_req, res) => {
  res.json([]);
};
