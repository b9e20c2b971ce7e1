/**
 * Records by external id: `PATCH /sobjects/{Type}/{field}/{value}` upserts (201 with
 * `created: true` when no live record matches, 200 with `created: false` when one does, 300 with
 * the matching record URLs when several do), `GET` on the same path retrieves, and
 * `POST /sobjects/{Type}/Id` creates. `Id` counts as an external id, as on the platform.
 *
 * The match and the write happen in one transaction, so two upserts of one value cannot both
 * insert. The value is matched through the record table's prepared statements, never as SQL.
 */
import type { RequestHandler } from 'express';
import { toId18 } from '../ids.ts';
import { checkValue } from '../dml/validate.ts';
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { Org } from '../org.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { SObjectRecord } from '../storage/records.ts';
import { runRead, writeOne } from './data-dml.ts';
import { recordBody, toRecord } from './data-record-body.ts';
import { fieldList, recordToWire, selectFields } from './data-record-wire.ts';
import { insertFromBody, writableType } from './data-records.ts';
import {
  apiVersionOf,
  basePath,
  flagParam,
  methodNotAllowed,
  pathParam,
  pathType,
  queryParam,
} from './data-request.ts';
import type { RestDeps } from './rest-deps.ts';
import { notFound, restError, sendErrors } from './rest-errors.ts';

/** `updateOnly=true` is honoured from API 61.0 (Summer '24), where it was introduced. */
const UPDATE_ONLY_SINCE = 61;

type UpsertPlan =
  | { kind: 'saved'; id: string; created: boolean }
  | { kind: 'multiple'; ids: string[] }
  | { kind: 'missing' };

/** `PATCH /sobjects/{Type}/{field}/{value}`. */
export function upsertRecord({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = writableType(org, pathParam(req, 'type'), 'upserted');
    const field = externalIdField(type, pathParam(req, 'field'));
    const value = externalValue(field, pathParam(req, 'value'));
    const values = upsertValues(type, field, value, toRecord(type, recordBody(req.body, type)));
    const updateOnly =
      field.name === 'Id' ||
      (Number(apiVersionOf(res)) >= UPDATE_ONLY_SINCE && flagParam(req, 'updateOnly'));

    const outcome = await writeOne(org, (tx): UpsertPlan => {
      const ids = matchingIds(org, type, field, value);
      if (ids.length > 1) return { kind: 'multiple', ids };
      const [id] = ids;
      if (id === undefined && updateOnly) return { kind: 'missing' };
      if (id !== undefined) {
        org.dml.update(tx, [{ ...values, Id: id }]);
        return { kind: 'saved', id, created: false };
      }
      const [result] = org.dml.insert(tx, [{ ...values, [field.name]: value }]);
      return { kind: 'saved', id: result?.id ?? '', created: true };
    });

    if (!outcome.ok) return sendErrors(res, 400, outcome.errors);
    const plan = outcome.value;
    if (plan.kind === 'missing') throw notFound();
    if (plan.kind === 'multiple') {
      res.status(300).json(plan.ids.map((id) => `${basePath(res)}/sobjects/${type.name}/${id}`));
      return;
    }
    res
      .status(plan.created ? 201 : 200)
      .json({ id: plan.id, success: true, errors: [], created: plan.created });
  };
}

/** `GET /sobjects/{Type}/{field}/{value}[?fields=]`: the one live record with that value. */
export function retrieveByExternalId({ org }: RestDeps): RequestHandler {
  return async (req, res) => {
    const type = pathType(org.schema, pathParam(req, 'type'));
    const field = externalIdField(type, pathParam(req, 'field'));
    const fields = selectFields(type, fieldList(queryParam(req, 'fields')));
    const value = externalValue(field, pathParam(req, 'value'));
    const { ids, record } = await runRead(org, () => {
      const found = matchingIds(org, type, field, value);
      const only = found.length === 1 && found[0] !== undefined ? found[0] : undefined;
      return { ids: found, record: only === undefined ? undefined : org.table(type).get(only) };
    });

    if (ids.length > 1) {
      res.status(300).json(ids.map((id) => `${basePath(res)}/sobjects/${type.name}/${id}`));
      return;
    }
    if (record === undefined) throw notFound();
    res.json(recordToWire(type, record, fields, basePath(res)));
  };
}

/** `POST /sobjects/{Type}/Id`: a create (201, `created: true`); other fields are not a route. */
export function createById({ org }: RestDeps): RequestHandler {
  const refuse = methodNotAllowed(['GET', 'PATCH', 'DELETE']);
  return async (req, res, next) => {
    if (pathParam(req, 'id').toLowerCase() !== 'id') return refuse(req, res, next);
    const outcome = await insertFromBody(org, pathParam(req, 'type'), req.body);
    if (!outcome.ok) return sendErrors(res, 400, outcome.errors);
    res.status(201).json({ id: outcome.value, success: true, errors: [], created: true });
  };
}

/** The external id field an upsert path names, else 404 NOT_FOUND as on the platform. */
export function externalIdField(type: SObjectType, name: string): FieldDefinition {
  const field = type.getField(name);
  if (field === undefined || !(field.externalId || field.name === 'Id')) {
    throw notFound(`Provided external ID field does not exist or is not accessible: ${name}`);
  }
  return field;
}

/** The path's value in the field's type; a value the field cannot hold is 400. */
function externalValue(field: FieldDefinition, raw: string): FieldValue {
  const checked = checkValue(field, raw);
  if (!checked.ok) {
    const { statusCode, message, fields } = checked.problem;
    throw restError(400, statusCode, message, fields);
  }
  return checked.value;
}

/**
 * The body of an upsert without Id and the external id field. The platform refuses either in
 * the body; the external id is accepted when it repeats the URL's value.
 */
function upsertValues(
  type: SObjectType,
  field: FieldDefinition,
  value: FieldValue,
  record: SObjectRecord,
): SObjectRecord {
  const values: SObjectRecord = { attributes: { type: type.name } };
  for (const [key, raw] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const lower = key.toLowerCase();
    const same = String(raw).toLowerCase() === String(value).toLowerCase();
    if (lower === 'id' || (lower === field.name.toLowerCase() && !same)) {
      throw restError(
        400,
        'INVALID_FIELD',
        `${key} cannot be set in the body of an upsert: the URL gives ${field.name}`,
        [key],
      );
    }
    if (lower !== field.name.toLowerCase()) values[key] = raw;
  }
  return values;
}

/** The live records whose field holds the value (Id: the record itself, when live). */
function matchingIds(
  org: Org,
  type: SObjectType,
  field: FieldDefinition,
  value: FieldValue,
): string[] {
  if (field.name !== 'Id') return org.table(type).findIds(field.name, value);
  const id = typeof value === 'string' ? toId18(value) : undefined;
  if (id === undefined || !id.startsWith(type.keyPrefix)) return [];
  return org.table(type).isDeleted(id) === false ? [id] : [];
}
