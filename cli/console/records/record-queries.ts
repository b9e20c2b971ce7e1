/**
 * The record pages' queries, through the org's SOQL: a page of a list by keyset on (Name, Id),
 * one record with the names of the records it looks up, and the async events of a record.
 */
import type { FieldValue, QueryRecord } from '../../../emulator/apex-api.ts';
import { toId18 } from '../../../emulator/ids.ts';
import type { FieldDefinition } from '../../../emulator/metadata/schema.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import type { Org } from '../../../emulator/org.ts';
import { NotFoundPage } from '../console-errors.ts';
import { fieldOf, recordPaths, type RecordObject } from './record-objects.ts';

export const RECORD_PAGE_SIZE = 50;

/** Where a list page starts: after or before the row with this Name and Id. */
export interface RecordCursor {
  direction: 'after' | 'before';
  name: string;
  id: string;
}

export interface RecordPage {
  rows: QueryRecord[];
  hasNext: boolean;
  hasPrevious: boolean;
}

/** A SOQL field list: the fields, and the parent's Name for each lookup. */
export function selectList(type: SObjectType, names: readonly string[]): string {
  const fields = names.map((name) => fieldOf(type, name));
  const parents = fields
    .filter((field) => field.type === 'lookup' && field.relationshipName !== undefined)
    .map((field) => `${field.relationshipName}.Name`);
  return [...new Set(['Id', 'Name', ...names, ...parents])].join(', ');
}

/** One page of an object's list, by Name then Id. */
export function recordPage(
  org: Org,
  object: RecordObject,
  dir: 'asc' | 'desc',
  cursor: RecordCursor | undefined,
): RecordPage {
  const type = org.requireType(object.sObject);
  const backwards = cursor?.direction === 'before';
  const order = (dir === 'desc') !== backwards ? 'DESC' : 'ASC';
  const binds: Record<string, FieldValue> = {};
  let where = '';
  if (cursor !== undefined) {
    const op = order === 'DESC' ? '<' : '>';
    where = ` WHERE (Name ${op} :name OR (Name = :name AND Id ${op} :id))`;
    binds.name = cursor.name;
    binds.id = cursor.id;
  }

  const soql = `SELECT ${selectList(type, object.columns)} FROM ${type.name}${where} ORDER BY Name ${order}, Id ${order} LIMIT ${RECORD_PAGE_SIZE + 1}`;
  const found = org.query(soql, { binds }).records;
  const more = found.length > RECORD_PAGE_SIZE;
  const rows = found.slice(0, RECORD_PAGE_SIZE);
  if (backwards) rows.reverse();
  return {
    rows,
    hasNext: backwards ? true : more,
    hasPrevious: backwards ? more : cursor !== undefined,
  };
}

/** The fields a record page shows: Id, Name, the object's own fields, then the audit dates. */
export function shownFields(type: SObjectType): FieldDefinition[] {
  return type.fields.filter(
    (field) =>
      (!field.system || ['Name', 'CreatedDate', 'LastModifiedDate'].includes(field.name)) &&
      field.name !== 'IsDeleted',
  );
}

/** The live record of the type an Id names, or undefined (malformed, another type, deleted). */
export function findRecord(org: Org, type: SObjectType, rawId: string): QueryRecord | undefined {
  const id = toId18(rawId);
  if (id === undefined || !id.startsWith(type.keyPrefix)) return undefined;
  const names = ['Id', ...shownFields(type).map((field) => field.name)];
  const [record] = org.query(`SELECT ${selectList(type, names)} FROM ${type.name} WHERE Id = :id`, {
    binds: { id },
  }).records;
  return record;
}

/** The record `findRecord` finds, or a 404 page leading back to the type's list. */
export function requireRecord(
  org: Org,
  type: SObjectType,
  object: RecordObject,
  rawId: string,
): QueryRecord {
  const record = findRecord(org, type, rawId);
  if (record === undefined) {
    throw new NotFoundPage(`No ${type.label} ${rawId}: it may have been deleted.`, {
      href: recordPaths.list(object.sObject),
      label: `Back to ${type.labelPlural}`,
    });
  }
  return record;
}

/** The latest async events of a record. */
export function recordEvents(org: Org, id: string, limit: number): QueryRecord[] {
  return org.query(
    `SELECT Id, Name, AFLO__Timestamp__c, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__RecordId__c, AFLO__ExternalId__c FROM AFLO__AsyncEvent__c WHERE AFLO__RecordId__c = :id ORDER BY AFLO__Timestamp__c DESC, Name DESC LIMIT ${limit}`,
    { binds: { id } },
  ).records;
}

/** The Name of the record a lookup points at, from a row `selectList` read. */
export function parentName(row: QueryRecord, field: FieldDefinition): string | undefined {
  if (field.relationshipName === undefined) return undefined;
  const parent = row[field.relationshipName] as QueryRecord | null | undefined;
  return typeof parent?.Name === 'string' ? parent.Name : undefined;
}

/** The `after`/`before` value of a row. */
export function encodeRecordCursor(row: QueryRecord): string {
  return Buffer.from(JSON.stringify([String(row.Name ?? ''), String(row.Id)])).toString(
    'base64url',
  );
}

/** A cursor from the query string, or undefined (absent or malformed: the first page). */
export function parseRecordCursor(after: string, before: string): RecordCursor | undefined {
  const encoded = after !== '' ? after : before;
  if (encoded === '') return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'string' &&
      toId18(decoded[1]) !== undefined
    ) {
      const id = toId18(decoded[1]) ?? '';
      return { direction: after !== '' ? 'after' : 'before', name: decoded[0], id };
    }
  } catch {
    // the first page
  }
  return undefined;
}
