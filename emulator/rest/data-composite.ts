/**
 * `/composite/sobjects`: the collection forms of create (POST), update (PATCH), upsert
 * (`PATCH …/{Type}/{extField}`), delete (`DELETE ?ids=&allOrNone=`) and retrieve
 * (`POST …/{Type}` with `{ids, fields}`, or `GET ?ids=&fields=`). A well-formed request is 200
 * with one result per record even when records fail; a malformed one (not JSON of that shape,
 * over 200 records, a record without a known `attributes.type`) is 400 and writes nothing.
 */
import type { RequestHandler, Response } from 'express';
import type { Org } from '../org.ts';
import type { SObjectRecord } from '../storage/records.ts';
import {
  MAX_COLLECTION_RECORDS,
  runCollection,
  type CollectionResult,
  type CollectionStep,
} from './data-collection.ts';
import {
  collectionBody,
  deleteItems,
  idList,
  recordItems,
  retrieveRequest,
  upsertItems,
} from './data-composite-items.ts';
import { runRead, wireErrorsOf } from './data-dml.ts';
import { recordToWire, selectFields } from './data-record-wire.ts';
import { liveRecordOf, writableType } from './data-records.ts';
import { basePath, flagParam, pathParam, pathType, queryParam } from './data-request.ts';
import type { RestDeps } from './rest-deps.ts';
import { sendErrors } from './rest-errors.ts';

/** `POST /composite/sobjects` `{allOrNone, records}`: creates. */
export function createCollection({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const { allOrNone, records } = collectionBody(req.body);
    const items = recordItems(org, records, 'create');
    const step: CollectionStep = (tx, _type, inputs, all) =>
      org.dml.insert(tx, recordsOf(inputs), { allOrNone: all });
    await respond(res, runCollection(org, items, { allOrNone, upsert: false }, step));
  };
}

/** `PATCH /composite/sobjects` `{allOrNone, records: [{id, attributes, …}]}`: updates. */
export function updateCollection({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const { allOrNone, records } = collectionBody(req.body);
    const items = recordItems(org, records, 'update');
    const step: CollectionStep = (tx, _type, inputs, all) =>
      org.dml.update(tx, recordsOf(inputs), { allOrNone: all });
    await respond(res, runCollection(org, items, { allOrNone, upsert: false }, step));
  };
}

/** `PATCH /composite/sobjects/{Type}/{extField}`: upserts; each result says `created`. */
export function upsertCollection({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = writableType(org, pathParam(req, 'type'), 'upserted');
    const { allOrNone, records } = collectionBody(req.body);
    const { field, items } = upsertItems(org, type, pathParam(req, 'field'), records);
    const step: CollectionStep = (tx, _type, inputs, all) =>
      org.dml.upsert(tx, recordsOf(inputs), field.name, { allOrNone: all });
    await respond(res, runCollection(org, items, { allOrNone, upsert: true }, step));
  };
}

/** `DELETE /composite/sobjects?ids=a,b[&allOrNone=true]`: deletes; the Ids may be of any types. */
export function deleteCollection({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const ids = idList(queryParam(req, 'ids'), MAX_COLLECTION_RECORDS);
    const allOrNone = flagParam(req, 'allOrNone');
    const items = deleteItems(org, ids);
    const step: CollectionStep = (tx, type, inputs, all) =>
      org.dml.delete(tx, type.name, idsOf(inputs), { allOrNone: all });
    await respond(res, runCollection(org, items, { allOrNone, upsert: false }, step));
  };
}

/**
 * `POST /composite/sobjects/{Type}` `{ids, fields}` (or `GET ?ids=&fields=`): the records in
 * the order asked, `null` for an Id that names no live record of the type.
 */
export function retrieveCollection({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = pathType(org.schema, pathParam(req, 'type'));
    const { ids, fields } = retrieveRequest(req.method === 'GET' ? req.query : req.body);
    const selected = selectFields(type, fields);

    const found = await runRead(org, () => ids.map((raw) => liveRecordOf(org, type, raw)));
    const base = basePath(res);
    res.json(
      found.map((record) =>
        record === undefined ? null : recordToWire(type, record, selected, base),
      ),
    );
  };
}

/** Sends the results, or the request's errors when an exception escaped DML. */
async function respond(res: Response, work: Promise<CollectionResult[]>): Promise<void> {
  try {
    res.json(await work);
  } catch (error) {
    const errors = wireErrorsOf(error);
    if (errors === undefined) throw error;
    sendErrors(res, 400, errors);
  }
}

function recordsOf(inputs: ReadonlyArray<SObjectRecord | string>): SObjectRecord[] {
  return inputs.filter((input): input is SObjectRecord => typeof input !== 'string');
}

function idsOf(inputs: ReadonlyArray<SObjectRecord | string>): string[] {
  return inputs.filter((input): input is string => typeof input === 'string');
}
