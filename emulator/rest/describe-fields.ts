/**
 * Field describes: one entry of `fields[]` in `GET /sobjects/{Type}/describe`, with every key
 * jsforce's `Field` type names. The emulator's field types map to the platform's `type` and
 * `soapType`:
 *
 * | ours       | type      | soapType     |
 * | ---------- | --------- | ------------ |
 * | id         | id        | tns:ID       |
 * | lookup     | reference | tns:ID       |
 * | text       | string    | xsd:string   |
 * | autonumber | string    | xsd:string   |
 * | longtext   | textarea  | xsd:string   |
 * | email      | email     | xsd:string   |
 * | picklist   | picklist  | xsd:string   |
 * | number     | double    | xsd:double   |
 * | checkbox   | boolean   | xsd:boolean  |
 * | date       | date      | xsd:date     |
 * | datetime   | datetime  | xsd:dateTime |
 *
 * System fields (Id, audit fields, auto-numbers) are neither createable nor updateable.
 */
import { isAggregatable, isGroupable } from '../metadata/field-capabilities.ts';
import type { FieldDefinition, FieldType } from '../metadata/schema.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { WireValue } from '../wire.ts';

const WIRE_TYPES: Record<FieldType, { type: string; soapType: string }> = {
  id: { type: 'id', soapType: 'tns:ID' },
  lookup: { type: 'reference', soapType: 'tns:ID' },
  text: { type: 'string', soapType: 'xsd:string' },
  autonumber: { type: 'string', soapType: 'xsd:string' },
  longtext: { type: 'textarea', soapType: 'xsd:string' },
  email: { type: 'email', soapType: 'xsd:string' },
  picklist: { type: 'picklist', soapType: 'xsd:string' },
  number: { type: 'double', soapType: 'xsd:double' },
  checkbox: { type: 'boolean', soapType: 'xsd:boolean' },
  date: { type: 'date', soapType: 'xsd:date' },
  datetime: { type: 'datetime', soapType: 'xsd:dateTime' },
};

const ALWAYS_SET = new Set([
  'Id',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);
const ID_LENGTH = 18;
const TEXT_DEFAULT_LENGTH = 255;
const LONG_TEXT_DEFAULT_LENGTH = 131_072;
/** The platform counts three bytes per character of text. */
const BYTES_PER_CHARACTER = 3;

/** The describe of one field of a type. */
export function describeField(
  type: SObjectType,
  field: FieldDefinition,
): { [key: string]: WireValue } {
  const { type: wireType, soapType } = WIRE_TYPES[field.type];
  const length = lengthOf(field);
  const writable = !field.system;
  const isText = soapType === 'xsd:string';
  const isLongText = field.type === 'longtext';
  const defaulted =
    isAlwaysSet(field) || field.type === 'checkbox' || field.defaultValue !== undefined;

  return {
    aggregatable: isAggregatable(field),
    aiPredictionField: false,
    autoNumber: field.type === 'autonumber',
    byteLength:
      isText || wireType === 'id' || wireType === 'reference' ? length * BYTES_PER_CHARACTER : 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: writable,
    custom: field.name.endsWith('__c'),
    defaultValue: field.type === 'checkbox' ? field.defaultValue === true : null,
    defaultValueFormula: formulaOf(field),
    defaultedOnCreate: defaulted,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: isLongText ? 'plaintextarea' : null,
    filterable: !isLongText,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: isGroupable(field),
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.name === 'Id' || field.externalId || isNameField(type, field),
    inlineHelpText: field.description ?? null,
    label: labelOf(field),
    length: isText ? length : wireType === 'id' || wireType === 'reference' ? ID_LENGTH : 0,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: isNameField(type, field),
    namePointing: false,
    nillable: !field.required && field.type !== 'checkbox' && !isAlwaysSet(field),
    permissionable: writable && !field.required && field.type !== 'autonumber',
    picklistValues: picklistValuesOf(field),
    polymorphicForeignKey: false,
    precision: field.type === 'number' ? (field.precision ?? 18) : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo === undefined ? [] : [field.referenceTo],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.type === 'picklist' && field.restricted,
    scale: field.type === 'number' ? (field.scale ?? 0) : 0,
    searchPrefilterable: false,
    soapType,
    sortable: !isLongText,
    type: wireType,
    unique: field.unique && field.name !== 'Id',
    updateable: writable,
    writeRequiresMasterRead: false,
  };
}

function lengthOf(field: FieldDefinition): number {
  if (field.type === 'longtext') return field.length ?? LONG_TEXT_DEFAULT_LENGTH;
  if (field.type === 'autonumber') return field.length ?? 30;
  return field.length ?? TEXT_DEFAULT_LENGTH;
}

function isNameField(type: SObjectType, field: FieldDefinition): boolean {
  return field.name === 'Name' && type.hasNameField;
}

/** Fields the platform fills on every record: Id, the audit fields, auto-numbers. */
function isAlwaysSet(field: FieldDefinition): boolean {
  return ALWAYS_SET.has(field.name) || field.type === 'autonumber';
}

/** A default value as the platform's formula text: `'Pending'`, `0`. */
function formulaOf(field: FieldDefinition): string | null {
  if (field.defaultValue === undefined || field.type === 'checkbox') return null;
  return typeof field.defaultValue === 'string'
    ? `'${field.defaultValue}'`
    : String(field.defaultValue);
}

function picklistValuesOf(field: FieldDefinition): WireValue[] {
  if (field.type !== 'picklist') return [];
  return (field.values ?? []).map((value) => ({
    active: true,
    defaultValue: value === field.defaultValue,
    label: value,
    validFor: null,
    value,
  }));
}

/** The platform's labels of the fields every record has. */
const STANDARD_LABELS: Record<string, string> = {
  Id: 'Record ID',
  CreatedDate: 'Created Date',
  CreatedById: 'Created By ID',
  LastModifiedDate: 'Last Modified Date',
  LastModifiedById: 'Last Modified By ID',
  SystemModstamp: 'System Modstamp',
  IsDeleted: 'Deleted',
};

/** A field's label: its own, the platform's for a standard field, else made from its name. */
function labelOf(field: FieldDefinition): string {
  if (field.label !== undefined) return field.label;
  const standard = STANDARD_LABELS[field.name];
  if (standard !== undefined) return standard;
  return field.name
    .replace(/__c$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
