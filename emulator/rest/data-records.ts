/**
 * One record by Id: `POST /sobjects/{Type}` (create, 201), `GET /sobjects/{Type}/{id}` (retrieve,
 * `?fields=`), `PATCH` (update, 204) and `DELETE` (to the recycle bin, 204). Ids are accepted in
 * 15- and 18-character form; the answers carry the 18-character one.
 */
import type { RequestHandler } from 'express';
import { toId18 } from '../ids.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { Org } from '../org.ts';
import type { StoredRecord } from '../storage/records.ts';
import { runRead, writeOne, type WriteOutcome } from './data-dml.ts';
import { recordBody, toRecord } from './data-record-body.ts';
import { fieldList, recordToWire, selectFields } from './data-record-wire.ts';
import { basePath, pathParam, pathType, queryParam } from './data-request.ts';
import type { RestDeps } from './rest-deps.ts';
import { notFound, restError, sendErrors } from './rest-errors.ts';

/** `POST /sobjects/{Type}`: 201 `{id, success, errors}`, or 400 with the record's errors. */
export function createRecord({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const outcome = await insertFromBody(org, pathParam(req, 'type'), req.body);
    if (!outcome.ok) return sendErrors(res, 400, outcome.errors);
    res.status(201).json({ id: outcome.value, success: true, errors: [] });
  };
}

/** Inserts the record a request body describes; the outcome holds its new Id. */
export async function insertFromBody(
  org: Org,
  typeName: string,
  body: unknown,
): Promise<WriteOutcome<string>> {
  const type = writableType(org, typeName, 'inserted');
  const record = toRecord(type, recordBody(body, type));
  if (Object.keys(record).some((key) => key.toLowerCase() === 'id')) {
    throw restError(
      400,
      'INVALID_FIELD',
      'The Id field should not be specified in the sobject data.',
    );
  }
  return writeOne(org, (tx) => org.dml.insert(tx, [record])[0]?.id ?? '');
}

/** `GET /sobjects/{Type}/{id}[?fields=a,b]`: the record, or 404 NOT_FOUND when missing or deleted. */
export function retrieveRecord({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = pathType(org.schema, pathParam(req, 'type'));
    const fields = selectFields(type, fieldList(queryParam(req, 'fields')));
    const record = await runRead(org, () => findRecord(org, type, pathParam(req, 'id')));
    if (record.IsDeleted === true) throw notFound();
    res.json(recordToWire(type, record, fields, basePath(res)));
  };
}

/** `PATCH /sobjects/{Type}/{id}`: 204, or 400 with the record's errors. */
export function updateRecord({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = writableType(org, pathParam(req, 'type'), 'updated');
    const values = toRecord(type, recordBody(req.body, type));
    const existing = liveRecord(org, type, pathParam(req, 'id'));
    const idKey = Object.keys(values).find((key) => key.toLowerCase() === 'id');
    const bodyId = idKey === undefined ? undefined : values[idKey];
    if (idKey !== undefined) delete values[idKey];
    if (bodyId !== undefined && (typeof bodyId !== 'string' || toId18(bodyId) !== existing.Id)) {
      throw restError(
        400,
        'INVALID_FIELD',
        'The Id field should not be specified in the sobject data: the record is the one the URL names.',
      );
    }

    const record = { ...values, attributes: { type: type.name }, Id: existing.Id };
    const outcome = await writeOne(org, (tx) => org.dml.update(tx, [record]));
    if (!outcome.ok) return sendErrors(res, 400, outcome.errors);
    res.status(204).end();
  };
}

/** `DELETE /sobjects/{Type}/{id}`: 204; the record goes to the recycle bin. */
export function deleteRecord({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = writableType(org, pathParam(req, 'type'), 'deleted');
    const existing = liveRecord(org, type, pathParam(req, 'id'));

    const outcome = await writeOne(org, (tx) => org.dml.delete(tx, type.name, [existing.Id]));
    if (!outcome.ok) return sendErrors(res, 400, outcome.errors);
    res.status(204).end();
  };
}

/**
 * The type of a write, which must allow DML: AsyncApexJob and ApexClass do not, and answer 400
 * INVALID_TYPE_FOR_OPERATION.
 */
export function writableType(org: Org, name: string, verb: string): SObjectType {
  const type = pathType(org.schema, name);
  if (!type.createable || (verb === 'deleted' && !type.deletable)) {
    throw restError(
      400,
      'INVALID_TYPE_FOR_OPERATION',
      `entity type cannot be ${verb}: ${type.label}`,
    );
  }
  return type;
}

/**
 * The record an Id names, deleted or not. A malformed Id, or one of another type, is what the
 * platform takes for an external id it cannot find: 404 NOT_FOUND naming it.
 */
export function findRecord(org: Org, type: SObjectType, rawId: string): StoredRecord {
  const id = toId18(rawId);
  if (id === undefined || !id.startsWith(type.keyPrefix)) {
    throw notFound(`Provided external ID field does not exist or is not accessible: ${rawId}`);
  }
  const record = org.table(type).get(id);
  if (record === undefined) throw notFound();
  return record;
}

/** The live record of the type an Id names, or undefined (malformed, other type, missing, deleted). */
export function liveRecordOf(org: Org, type: SObjectType, rawId: string): StoredRecord | undefined {
  const id = toId18(rawId);
  if (id === undefined || !id.startsWith(type.keyPrefix)) return undefined;
  const record = org.table(type).get(id);
  return record?.IsDeleted === true ? undefined : record;
}

/** A record to update or delete: one in the recycle bin is 404 ENTITY_IS_DELETED. */
function liveRecord(org: Org, type: SObjectType, rawId: string): StoredRecord {
  const record = findRecord(org, type, rawId);
  if (record.IsDeleted === true) throw restError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}
