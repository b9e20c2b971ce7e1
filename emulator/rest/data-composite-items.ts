/**
 * Reading collection requests: the `{allOrNone, records}` body, `ids=` lists, and each record
 * or Id turned into a CollectionItem, with the problems the platform reports per record (an Id
 * in a create, a missing or malformed Id in an update, a type DML may not write) found before
 * any DML.
 */
import type { DmlError } from '../dml/results.ts';
import { toId18 } from '../ids.ts';
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { Org } from '../org.ts';
import type { SObjectRecord } from '../storage/records.ts';
import { MAX_COLLECTION_RECORDS, type CollectionItem } from './data-collection.ts';
import { isJsonObject, parserError, toRecord, type JsonObject } from './data-record-body.ts';
import { fieldList } from './data-record-wire.ts';
import { externalIdField } from './data-upsert.ts';
import { restError } from './rest-errors.ts';

/** The most Ids one collection retrieve takes. */
export const MAX_RETRIEVE_IDS = 2000;

/** `{allOrNone, records}`, checked: at most 200 records, each a JSON object. */
export function collectionBody(body: unknown): { allOrNone: boolean; records: JsonObject[] } {
  if (!isJsonObject(body)) {
    throw parserError('The request body must be a JSON object: {"allOrNone": …, "records": […]}');
  }
  const { allOrNone = false, records } = body;
  if (!Array.isArray(records)) throw parserError('records: expected an array of records');
  if (records.length > MAX_COLLECTION_RECORDS) throw tooMany(MAX_COLLECTION_RECORDS);
  const objects = records.map((record, i) => {
    if (!isJsonObject(record)) throw parserError(`records[${i}]: expected a JSON object`);
    return record;
  });
  return { allOrNone: booleanOf(allOrNone, 'allOrNone'), records: objects };
}

/** `a,b,c` as Ids; none is 400 MISSING_ARGUMENT, more than `max` EXCEEDED_ID_LIMIT. */
export function idList(raw: string | undefined, max: number): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) {
    throw restError(400, 'MISSING_ARGUMENT', 'ids: name the records, comma-separated');
  }
  if (ids.length > max) throw tooMany(max);
  return ids;
}

/** The Ids and fields of a collection retrieve, from its JSON body or its query string. */
export function retrieveRequest(source: unknown): { ids: string[]; fields: string[] } {
  if (!isJsonObject(source)) {
    throw parserError('The request body must be {"ids": […], "fields": […]}');
  }
  const { ids, fields } = source;
  const idArray = typeof ids === 'string' ? idList(ids, MAX_RETRIEVE_IDS) : ids;
  const fieldArray = typeof fields === 'string' ? fieldList(fields) : fields;
  if (!isStringArray(idArray)) throw parserError('ids: expected an array of record Ids');
  if (!isStringArray(fieldArray) || fieldArray.every((name) => name.trim() === '')) {
    throw restError(400, 'MISSING_ARGUMENT', 'fields: name the fields to retrieve');
  }
  if (idArray.length > MAX_RETRIEVE_IDS) throw tooMany(MAX_RETRIEVE_IDS);
  return { ids: idArray, fields: fieldArray };
}

/** Create or update items: each record's type from `attributes.type`, its Id checked. */
export function recordItems(
  org: Org,
  records: readonly JsonObject[],
  operation: 'create' | 'update',
): CollectionItem[] {
  const seen = new Set<string>();
  return records.map((json, i) => {
    const type = recordType(org, json, i);
    const record = toRecord(type, json);
    const idKey = Object.keys(record).find((key) => key.toLowerCase() === 'id');
    const rawId = idKey === undefined ? undefined : record[idKey];
    if (idKey !== undefined) delete record[idKey];
    return operation === 'create'
      ? createItem(type, record, rawId)
      : updateItem(type, record, rawId, seen);
  });
}

function createItem(type: SObjectType, record: SObjectRecord, rawId: unknown): CollectionItem {
  const problem =
    writeProblem(type, 'inserted') ??
    (rawId === undefined
      ? undefined
      : invalid('The Id field should not be specified in the sobject data.'));
  return { type, input: record, problem };
}

/** An update names its record by `id` (as jsforce sends it) or `Id`, once per request. */
function updateItem(
  type: SObjectType,
  record: SObjectRecord,
  rawId: unknown,
  seen: Set<string>,
): CollectionItem {
  const id = typeof rawId === 'string' ? toId18(rawId) : undefined;
  const base = { type, input: { ...record, Id: id ?? '' } };
  if (rawId === undefined || rawId === null) {
    return { ...base, problem: missingArgument('Id not specified in an update call') };
  }
  if (id === undefined || !id.startsWith(type.keyPrefix)) {
    return { ...base, problem: incorrectId(type, String(rawId)) };
  }
  const duplicate = seen.has(id) ? duplicateId(id) : undefined;
  seen.add(id);
  return { ...base, knownId: id, problem: writeProblem(type, 'updated') ?? duplicate };
}

/** Upsert items: every record of the URL's type, with its external id looked up. */
export function upsertItems(
  org: Org,
  type: SObjectType,
  fieldName: string,
  records: readonly JsonObject[],
): { field: FieldDefinition; items: CollectionItem[] } {
  const field = externalIdField(type, fieldName);
  const items = records.map((json, i): CollectionItem => {
    const recordTypeName = attributesType(json);
    if (recordTypeName !== undefined && org.schema.find(recordTypeName) !== type) {
      throw restError(
        400,
        'INVALID_TYPE',
        `records[${i}] is a ${recordTypeName}, but this upsert writes ${type.name}: upsert one type per request`,
      );
    }
    const record = toRecord(type, json);
    const valueKey = Object.keys(record).find((k) => k.toLowerCase() === field.name.toLowerCase());
    const value = valueKey === undefined ? undefined : record[valueKey];
    const matches =
      typeof value === 'string' || typeof value === 'number'
        ? org.table(type).findIds(field.name, value)
        : [];
    const knownId = matches.length === 1 ? matches[0] : undefined;
    return {
      type,
      input: record,
      created: matches.length === 0,
      ...(knownId === undefined ? {} : { knownId }),
    };
  });
  return { field, items };
}

/** Delete items: each Id's type from its key prefix. */
export function deleteItems(org: Org, rawIds: readonly string[]): CollectionItem[] {
  const seen = new Set<string>();
  return rawIds.map((raw) => {
    const id = toId18(raw);
    const type = id === undefined ? undefined : org.schema.findByPrefix(id.slice(0, 3));
    if (id === undefined || type === undefined) {
      return { type, input: raw, problem: malformed(`malformed id ${raw}`) };
    }
    const duplicate = seen.has(id) ? duplicateId(id) : undefined;
    seen.add(id);
    const problem = writeProblem(type, 'deleted') ?? duplicate;
    return { type, input: id, knownId: id, ...(problem === undefined ? {} : { problem }) };
  });
}

/** The type a collection record names in `attributes.type`; a missing or unknown one is 400. */
function recordType(org: Org, json: JsonObject, index: number): SObjectType {
  const name = attributesType(json);
  if (name === undefined) {
    throw restError(
      400,
      'INVALID_TYPE',
      `records[${index}] has no attributes.type: give each record {"attributes": {"type": "…"}}`,
    );
  }
  const type = org.schema.find(name);
  if (type === undefined) {
    throw restError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
  }
  return type;
}

function attributesType(json: JsonObject): string | undefined {
  const attributes = json.attributes;
  const type = isJsonObject(attributes) ? attributes.type : undefined;
  return typeof type === 'string' ? type : undefined;
}

function writeProblem(type: SObjectType, verb: string): DmlError | undefined {
  if (type.createable && (verb !== 'deleted' || type.deletable)) return undefined;
  return {
    statusCode: 'INVALID_TYPE_FOR_OPERATION',
    message: `entity type cannot be ${verb}: ${type.label}`,
    fields: [],
  };
}

function invalid(message: string): DmlError {
  return { statusCode: 'INVALID_FIELD', message, fields: ['Id'] };
}

function missingArgument(message: string): DmlError {
  return { statusCode: 'MISSING_ARGUMENT', message, fields: ['Id'] };
}

function malformed(message: string): DmlError {
  return { statusCode: 'MALFORMED_ID', message, fields: [] };
}

function incorrectId(type: SObjectType, raw: string): DmlError {
  const message = `${type.label} ID: id value of incorrect type: ${raw}`;
  return { statusCode: 'MALFORMED_ID', message, fields: ['Id'] };
}

function duplicateId(id: string): DmlError {
  return { statusCode: 'DUPLICATE_VALUE', message: `Duplicate id in list: ${id}`, fields: [] };
}

function booleanOf(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === 'true';
  }
  throw parserError(`${name}: expected true or false, got ${JSON.stringify(value)}`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function tooMany(max: number): ReturnType<typeof restError> {
  return restError(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${max} records into this call`,
  );
}
