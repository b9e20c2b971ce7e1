/**
 * sObject describes: the describeGlobal entry of a type (`GET /sobjects`), its basic information
 * (`GET /sobjects/{Type}`) and its full describe (`GET /sobjects/{Type}/describe`), with the keys
 * jsforce's DescribeGlobalSObjectResult and DescribeSObjectResult name.
 *
 * Child relationships are the lookups of every type that point at this one, named as child
 * subqueries use them (see emulator/metadata/child-relationships.ts); the audit lookups to User
 * have no name, as on the platform.
 */
import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { WireValue } from '../wire.ts';
import { describeField } from './describe-fields.ts';

type WireObject = { [key: string]: WireValue };

/** The Master record type every object without record types has. */
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** One entry of describeGlobal's `sobjects`. */
export function globalEntry(type: SObjectType, basePath: string): WireObject {
  const writable = type.createable;
  const sobjectUrl = `${basePath}/sobjects/${type.name}`;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: writable,
    custom: type.custom,
    customSetting: type.customSetting,
    deepCloneable: false,
    deletable: type.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    idEnabled: true,
    isInterface: false,
    isSubtype: false,
    keyPrefix: type.keyPrefix,
    label: type.label,
    labelPlural: type.labelPlural,
    layoutable: writable,
    mergeable: false,
    mruEnabled: writable,
    name: type.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: false,
    triggerable: writable,
    undeletable: type.deletable,
    updateable: writable,
    urls: {
      rowTemplate: `${sobjectUrl}/{ID}`,
      defaultValues: `${sobjectUrl}/defaultValues?recordTypeId&fields`,
      describe: `${sobjectUrl}/describe`,
      sobject: sobjectUrl,
    },
  };
}

/** The full describe of a type. */
export function describeSObject(
  type: SObjectType,
  schema: SchemaRegistry,
  basePath: string,
): WireObject {
  const entry = globalEntry(type, basePath);
  return {
    ...entry,
    actionOverrides: [],
    childRelationships: childRelationships(type, schema),
    compactLayoutable: type.createable,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: type.fields.map((field) => describeField(type, field)),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE_ID,
        urls: {
          layout: `${basePath}/sobjects/${type.name}/describe/layouts/${MASTER_RECORD_TYPE_ID}`,
        },
      },
    ],
    searchLayoutable: false,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All records', name: 'everything' }],
  };
}

/** Every lookup of any type that points at `type`, as a child relationship. */
function childRelationships(type: SObjectType, schema: SchemaRegistry): WireValue[] {
  return schema.childRelationships(type).map((relationship) => ({
    cascadeDelete: false,
    childSObject: relationship.childType.name,
    deprecatedAndHidden: false,
    field: relationship.field.name,
    junctionIdListNames: [],
    junctionReferenceTo: [],
    relationshipName: relationship.relationshipName,
    restrictedDelete: false,
  }));
}
