/**
 * The Tooling API routes under `/services/data/v{version}/tooling`. For now one resource:
 * `executeAnonymous`, which jsforce calls as `GET …/tooling/executeAnonymous?anonymousBody=…`
 * (other clients put a slash before the `?`; both are accepted). The script runs as the org runs
 * anonymous Apex, one transaction; the jobs it queued are left to the server's job runner, as on
 * a real org, where they run after the call has answered.
 */
import { Router, type Request } from 'express';
import type { AnonymousResult } from '../anonymous.ts';
import type { RestDeps } from './rest-deps.ts';
import { restError } from './rest-errors.ts';

/** The executeAnonymous result as the Tooling API sends it. */
export interface ExecuteAnonymousResult {
  line: number;
  column: number;
  compiled: boolean;
  compileProblem: string | null;
  success: boolean;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
}

const EXECUTE_ANONYMOUS = ['/executeAnonymous', '/executeAnonymous/'];

export function toolingRoutes(deps: RestDeps): Router {
  const router = Router({ mergeParams: true, strict: true });

  router.get(EXECUTE_ANONYMOUS, async (req, res) => {
    const source = anonymousBodyOf(req);
    const result = await deps.org.runAnonymous(source);
    res.json(toWire(result));
  });

  router.all(EXECUTE_ANONYMOUS, (req) => {
    throw restError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${req.method}' not allowed. Allowed are GET`,
    );
  });
  return router;
}

function anonymousBodyOf(req: Request): string {
  const body = req.query.anonymousBody;
  if (typeof body !== 'string') {
    throw restError(
      400,
      'MISSING_ARGUMENT',
      'executeAnonymous needs the script in one anonymousBody query parameter: ?anonymousBody=<url-encoded Apex>',
    );
  }
  return body;
}

/** The wire result: the executeAnonymous fields only (the debug log needs a debugging header). */
export function toWire(result: AnonymousResult): ExecuteAnonymousResult {
  return {
    line: result.line,
    column: result.column,
    compiled: result.compiled,
    compileProblem: result.compileProblem,
    success: result.success,
    exceptionMessage: result.exceptionMessage,
    exceptionStackTrace: result.exceptionStackTrace,
  };
}
