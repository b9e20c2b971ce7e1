/**
 * An sObject type as the running org sees it: its definition plus the standard fields every
 * record has, with case-insensitive lookup of fields and relationships (SOQL, DML and the REST API
 * all resolve names without regard to case, and answer with the canonical spelling).
 */
import type { FieldDefinition, ObjectDefinition } from './schema.ts';

const AUDIT_FIELDS: FieldDefinition[] = (
  [
    { name: 'CreatedDate', type: 'datetime', system: true },
    {
      name: 'CreatedById',
      type: 'lookup',
      referenceTo: 'User',
      relationshipName: 'CreatedBy',
      system: true,
    },
    { name: 'LastModifiedDate', type: 'datetime', system: true },
    {
      name: 'LastModifiedById',
      type: 'lookup',
      referenceTo: 'User',
      relationshipName: 'LastModifiedBy',
      system: true,
    },
    { name: 'SystemModstamp', type: 'datetime', system: true },
    { name: 'IsDeleted', type: 'checkbox', system: true, defaultValue: false },
  ] satisfies Array<Partial<FieldDefinition> & Pick<FieldDefinition, 'name' | 'type'>>
).map((field) => ({
  required: false,
  unique: false,
  externalId: false,
  restricted: true,
  ...field,
}));

export class SObjectType {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly customSetting: boolean;
  readonly createable: boolean;
  /** Whether DML may delete its records (never when it is not createable). */
  readonly deletable: boolean;
  readonly definition: ObjectDefinition;
  /** All fields in declaration order: Id, Name (if any), the defined ones, then audit fields. */
  readonly fields: readonly FieldDefinition[];
  private readonly byLowerName = new Map<string, FieldDefinition>();
  private readonly byLowerRelationship = new Map<string, FieldDefinition>();

  constructor(definition: ObjectDefinition, keyPrefix: string) {
    this.definition = definition;
    this.name = definition.name;
    this.label = definition.label;
    this.labelPlural = definition.labelPlural ?? `${definition.label}s`;
    this.keyPrefix = keyPrefix;
    this.custom = definition.custom;
    this.customSetting = definition.customSetting;
    this.createable = definition.createable;
    this.deletable = definition.createable && definition.deletable;
    this.fields = [...standardFields(definition), ...definition.fields, ...AUDIT_FIELDS];

    for (const field of this.fields) {
      this.byLowerName.set(field.name.toLowerCase(), field);
      if (field.type === 'lookup' && field.relationshipName !== undefined) {
        this.byLowerRelationship.set(field.relationshipName.toLowerCase(), field);
      }
    }
  }

  /** The field with this API name, in any case, or undefined. */
  getField(name: string): FieldDefinition | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  /** The lookup field behind a relationship name (`AFLO__Customer__r`, `ApexClass`), in any case. */
  getRelationship(relationshipName: string): FieldDefinition | undefined {
    return this.byLowerRelationship.get(relationshipName.toLowerCase());
  }

  /** The SQLite table holding this type's records. */
  get tableName(): string {
    return this.name;
  }

  /** Fields a SOQL `FIELDS(ALL)`-style read or a REST retrieve returns. */
  get hasNameField(): boolean {
    return this.definition.nameField.type !== 'none';
  }
}

function standardFields(definition: ObjectDefinition): FieldDefinition[] {
  const base = {
    required: false,
    unique: false,
    externalId: false,
    restricted: true,
    system: false,
  };
  const id: FieldDefinition = { ...base, name: 'Id', type: 'id', system: true, unique: true };
  const nameField = definition.nameField;

  if (nameField.type === 'none') return [id];
  if (nameField.type === 'autonumber') {
    return [
      id,
      {
        ...base,
        name: 'Name',
        label: nameField.label ?? `${definition.label} Name`,
        type: 'autonumber',
        displayFormat: nameField.displayFormat ?? '{0000000}',
        system: true,
      },
    ];
  }
  return [
    id,
    {
      ...base,
      name: 'Name',
      label: nameField.label ?? `${definition.label} Name`,
      type: 'text',
      length: nameField.length ?? 80,
      required: definition.custom,
    },
  ];
}
