/**
 * The query resources: `GET /query?q=` (and `/query/?q=`), `GET /queryAll?q=` (records in the
 * recycle bin too) and `GET /query/{locator}` for the next batch. A batch holds up to 2,000 rows,
 * or what the `Sforce-Query-Options: batchSize=N` header asks (200 to 2,000); `totalSize` is
 * always the full count. The SOQL text goes to the SOQL compiler, which turns every literal into
 * a bound parameter, so nothing in `q` is ever SQL.
 *
 * Aggregate rows (`AggregateResult`) and child subquery results (`{ totalSize, done, records }`
 * under the child relationship name) are sent as the SOQL module shapes them. As on the
 * platform, an aggregate query cannot be paged: one with more than 2,000 rows is refused.
 */
import type { Request, RequestHandler, Response } from 'express';
import { compileSoql, runQuery as runCompiled } from '../soql/index.ts';
import { toWire, type WireValue } from '../wire.ts';
import { runRead } from './data-dml.ts';
import { sessionOf } from './require-session.ts';
import { apiVersionOf, basePath, pathParam, queryParam } from './data-request.ts';
import type { QueryCursorStore, QueryPage } from './query-cursors.ts';
import type { RestDeps } from './rest-deps.ts';
import { restError } from './rest-errors.ts';

export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;

/** `GET /query?q=` or, with `includeDeleted`, `GET /queryAll?q=`. */
export function runQuery(
  { org }: RestDeps,
  cursors: QueryCursorStore,
  options: { includeDeleted: boolean },
): RequestHandler {
  return async (req, res) => {
    if (queryParam(req, 'explain') !== undefined) {
      throw restError(
        400,
        'FUNCTIONALITY_NOT_ENABLED',
        'Query plans (explain) are not available in aflo-emu: run the query itself (see docs/fidelity.md)',
      );
    }
    const soql = queryParam(req, 'q');
    if (soql === undefined || soql.trim() === '') {
      throw restError(400, 'MALFORMED_QUERY', 'A query string has to be specified: ?q=SELECT …');
    }

    const { result, aggregate } = await runRead(org, () => {
      const compiled = compileSoql(soql, org.schema, {
        now: org.clock.now(),
        includeDeleted: options.includeDeleted,
      });
      const rows = runCompiled(org.db, compiled, { apiVersion: apiVersionOf(res) });
      return { result: rows, aggregate: compiled.aggregate };
    });
    if (aggregate && result.records.length > DEFAULT_BATCH_SIZE) {
      throw restError(
        400,
        'MALFORMED_QUERY',
        'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
      );
    }
    const records = result.records.map((record) => toWire(record));
    const userId = sessionOf(res).userId;
    // An aggregate result is never paged, whatever batch size the request asks for.
    const batchSize = aggregate ? DEFAULT_BATCH_SIZE : batchSizeOf(req);
    send(res, cursors.open(userId, records, result.totalSize, batchSize));
  };
}

/** `GET /query/{locator}` (also under `/queryAll/`): the next batch of an open cursor. */
export function nextBatch(cursors: QueryCursorStore): RequestHandler {
  return (req, res) => {
    const page = cursors.next(sessionOf(res).userId, pathParam(req, 'locator'), batchSizeOf(req));
    send(res, page);
  };
}

function send(res: Response, page: QueryPage): void {
  const body: { [key: string]: WireValue } = { totalSize: page.totalSize, done: page.done };
  if (page.nextLocator !== undefined) {
    body.nextRecordsUrl = `${basePath(res)}/query/${page.nextLocator}`;
  }
  body.records = page.records;
  res.json(body);
}

/**
 * The batch size a request asks for in `Sforce-Query-Options: batchSize=N`, kept within 200 to
 * 2,000 as the platform keeps it; 2,000 without the header or with a value that is no number.
 */
export function batchSizeOf(req: Request): number {
  const header = req.get('sforce-query-options') ?? '';
  const match = /(?:^|[,;\s])batchSize\s*=\s*(\d+)/i.exec(header);
  if (match === null) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}
