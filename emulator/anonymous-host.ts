/**
 * The org as anonymous Apex sees it: its registered classes, its sObject types, SOQL checked
 * against its schema, and everything that runs (queries, DML, jobs, schedules, limits, the
 * clock) through the Apex API package code uses (apex-api.ts), so triggers, governor limits and
 * the statement's rollback behave exactly as for package code. Calls that run need the
 * transaction `executeAnonymous` opens.
 */
import { Database, Limits, System } from './apex-api.ts';
import type {
  AnonymousApexHost,
  ApexClassRef,
  ApexRecord,
  DmlRequest,
  DmlRowResult,
  LimitName,
  QueryBinds,
  QueryShape,
  SObjectFieldRef,
  SObjectTypeRef,
} from './apex/index.ts';
import type { RegisteredClass } from './async/apex-classes.ts';
import type { SaveResult, UpsertResult } from './dml/results.ts';
import { ApexException, SalesforceError } from './errors.ts';
import type { FieldDefinition, FieldType } from './metadata/schema.ts';
import type { SObjectType } from './metadata/sobject-type.ts';
import type { Org } from './org.ts';
import { compileSoql } from './soql/index.ts';
import type { FieldValue } from './storage/codec.ts';
import type { SObjectRecord } from './storage/records.ts';
import { currentScope } from './transaction/context.ts';

/** The Apex type of each stored field type. */
const APEX_TYPES: Readonly<Record<FieldType, SObjectFieldRef['type']>> = {
  id: 'Id',
  lookup: 'Id',
  text: 'String',
  longtext: 'String',
  email: 'String',
  picklist: 'String',
  autonumber: 'String',
  number: 'Decimal',
  checkbox: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
};

const LIMIT_GETTERS: Readonly<Record<LimitName, () => number>> = {
  getQueries: Limits.getQueries,
  getLimitQueries: Limits.getLimitQueries,
  getDmlStatements: Limits.getDmlStatements,
  getLimitDmlStatements: Limits.getLimitDmlStatements,
  getDmlRows: Limits.getDmlRows,
  getLimitDmlRows: Limits.getLimitDmlRows,
  getCallouts: Limits.getCallouts,
  getLimitCallouts: Limits.getLimitCallouts,
  getQueueableJobs: Limits.getQueueableJobs,
  getLimitQueueableJobs: Limits.getLimitQueueableJobs,
};

export function anonymousHost(org: Org): AnonymousApexHost {
  return {
    resolveClass: (name) => {
      const registered = org.classes.find(name);
      return registered === undefined ? undefined : classRef(registered);
    },
    resolveSObject: (name) => {
      const type = org.schema.find(name);
      return type === undefined ? undefined : sObjectRef(type);
    },
    describeQuery: (soql, bindNames) => describeQuery(org, soql, bindNames),
    query: (soql, binds) => Database.query(soql, fieldValues(binds)) as ApexRecord[],
    count: (soql, binds) => Database.countQuery(soql, fieldValues(binds)),
    dml: (request) => runDml(org, request),
    enqueueJob: (instance, delayOrOptions) => System.enqueueJob(instance, delayOrOptions),
    schedule: (name, cron, instance) => System.schedule(name, cron, instance),
    abortJob: (jobId) => System.abortJob(jobId),
    limit: (name) => LIMIT_GETTERS[name](),
    now: () => System.now(),
    debug: (level, message) => {
      const { transaction } = currentScope();
      transaction.debugLog.push(`USER_DEBUG|[${level}]|${message}`);
      org.logger.debug({ component: 'apex', level }, message);
    },
  };
}

function classRef(registered: RegisteredClass): ApexClassRef {
  return {
    apexName: registered.name,
    methods: new Map(
      [...registered.methods].map(([key, method]) => [key, { arity: method.arity }]),
    ),
    construct: () => new registered.type(),
  };
}

function sObjectRef(type: SObjectType): SObjectTypeRef {
  return {
    name: type.name,
    field: (name) => {
      const field = type.getField(name);
      return field === undefined ? undefined : fieldRef(field);
    },
    relationship: (name) => {
      const lookup = type.getRelationship(name);
      if (lookup?.relationshipName === undefined || lookup.referenceTo === undefined) {
        return undefined;
      }
      return { name: lookup.relationshipName, referenceTo: lookup.referenceTo };
    },
  };
}

function fieldRef(field: FieldDefinition): SObjectFieldRef {
  return {
    name: field.name,
    type: APEX_TYPES[field.type],
    // A script may set Id (to update by Id); the platform's own fields and auto-numbers it may not.
    writable: field.name === 'Id' || (!field.system && field.type !== 'autonumber'),
    upsertKey: field.name === 'Id' || field.externalId,
  };
}

/** Compiles the query with null binds: the platform's SOQL problems, without running it. */
function describeQuery(org: Org, soql: string, bindNames: readonly string[]): QueryShape {
  try {
    const binds = Object.fromEntries(bindNames.map((name) => [name, null]));
    const compiled = compileSoql(soql, org.schema, { binds });
    const hasChildren = compiled.output.some((entry) => entry.kind === 'children');
    const unsupported = compiled.aggregate
      ? 'aggregate query (AggregateResult)'
      : hasChildren
        ? 'parent-to-child subquery'
        : null;
    return {
      ok: true,
      sObjectType: compiled.type.name,
      countOnly: compiled.countOnly,
      unsupported,
    };
  } catch (error) {
    if (error instanceof SalesforceError) return { ok: false, problem: error.message };
    throw error;
  }
}

/**
 * Bind values as the SOQL module takes them. Scripts bind primitives, Datetimes and lists of
 * them (records were turned into Ids already); anything else reaches the SOQL module, which
 * refuses it with the platform's "Invalid bind expression type".
 */
function fieldValues(binds: QueryBinds): Record<string, FieldValue | FieldValue[]> {
  return binds as Record<string, FieldValue | FieldValue[]>;
}

function runDml(org: Org, request: DmlRequest): DmlRowResult[] {
  const types = new Set(request.records.map((record) => record.attributes.type.toLowerCase()));
  if (types.size > 1) {
    throw new ApexException(
      'System.TypeException',
      'DML on a list of mixed sObject types is not supported by aflo-emu (see docs/fidelity.md)',
    );
  }
  const typeName = request.records[0]?.attributes.type ?? '';
  const records = request.records.map((record) => dmlCopy(org, record));
  const { allOrNone } = request;

  switch (request.operation) {
    case 'insert':
      return Database.insert(records, allOrNone).map((r) => row(r));
    case 'update':
      return Database.update(records, allOrNone).map((r) => row(r));
    case 'upsert':
      return Database.upsert(records, request.externalIdField, allOrNone).map((r) => row(r));
    case 'delete':
      return Database.delete(typeName, records, allOrNone).map((r) => row(r));
    case 'undelete':
      return Database.undelete(typeName, records, allOrNone).map((r) => row(r));
  }
}

/**
 * What DML gets of a script's record: its fields, without the parents a query nested in it and
 * without the fields only the platform sets (a queried `CreatedDate` is not an update of it, as
 * in Apex, where only the fields the script changed are written).
 */
function dmlCopy(org: Org, record: ApexRecord): SObjectRecord {
  const type = org.schema.find(record.attributes.type);
  const copy: SObjectRecord = { attributes: { type: record.attributes.type } };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' || isNested(value)) continue;
    const field = type?.getField(key);
    if (
      field !== undefined &&
      field.name !== 'Id' &&
      (field.system || field.type === 'autonumber')
    ) {
      continue;
    }
    copy[key] = value as FieldValue;
  }
  return copy;
}

function isNested(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

function row(result: SaveResult | UpsertResult): DmlRowResult {
  return {
    id: result.id,
    success: result.success,
    created: 'created' in result ? result.created : false,
    errors: result.errors,
  };
}
