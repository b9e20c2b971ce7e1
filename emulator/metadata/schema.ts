/**
 * The shape of sObject metadata: what an object definition file (`*.object.json`) may say, checked
 * with zod when it is loaded. This is the emulator's own JSON form of the SFDX object and field
 * metadata, with one extension: `indexes`, the storage indexes an object needs for the queries the
 * package makes (see docs/metadata.md).
 */
import { z } from 'zod';

const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an API name: letters, digits, _');

/** Field types the emulator stores and validates. */
export const FIELD_TYPES = [
  'id',
  'text',
  'longtext',
  'email',
  'number',
  'checkbox',
  'date',
  'datetime',
  'picklist',
  'lookup',
  'autonumber',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const fieldSchema = z
  .object({
    name: apiName,
    label: z.string().optional(),
    /** What the field is for, as in Setup's field description. */
    description: z.string().optional(),
    type: z.enum(FIELD_TYPES),
    /** Text length; long text defaults to 131072. */
    length: z.number().int().positive().optional(),
    /** Number precision and scale, as in Salesforce (precision counts all digits). */
    precision: z.number().int().positive().optional(),
    scale: z.number().int().min(0).optional(),
    required: z.boolean().default(false),
    unique: z.boolean().default(false),
    externalId: z.boolean().default(false),
    /** Picklist values; a restricted picklist refuses any other value. */
    values: z.array(z.string()).optional(),
    restricted: z.boolean().default(true),
    /** Lookup target sObject type and the relationship name used in SOQL (`Customer__r`). */
    referenceTo: apiName.optional(),
    relationshipName: apiName.optional(),
    /**
     * The name the parent uses for this lookup's records in a child subquery
     * (`AFLO__CustomerPromotions__r`); see emulator/metadata/child-relationships.ts for the
     * default when it is not given.
     */
    childRelationshipName: apiName.optional(),
    /** Auto-number display format, e.g. `AE-{0000000}`. */
    displayFormat: z.string().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Set by the platform only (CreatedDate, SystemModstamp, …): never writable by DML. */
    system: z.boolean().default(false),
    /**
     * Our extension: the field holds a secret (an API key, a token), so `aflo-emu dump` prints
     * it masked. Apex, SOQL and the REST API read it like every other text field.
     */
    secret: z.boolean().optional(),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'picklist' && (field.values === undefined || field.values.length === 0)) {
      ctx.addIssue({ code: 'custom', message: `picklist ${field.name} needs values` });
    }
    if (field.type === 'lookup' && field.referenceTo === undefined) {
      ctx.addIssue({ code: 'custom', message: `lookup ${field.name} needs referenceTo` });
    }
    if (field.type !== 'lookup' && field.childRelationshipName !== undefined) {
      const message = `${field.name} is not a lookup, so it has no childRelationshipName`;
      ctx.addIssue({ code: 'custom', message });
    }
  });

export const indexSchema = z.object({
  fields: z.array(apiName).min(1),
  unique: z.boolean().default(false),
});

export const objectSchema = z.object({
  name: apiName,
  label: z.string(),
  labelPlural: z.string().optional(),
  /** Three-character Id prefix; custom objects get one assigned when omitted. */
  keyPrefix: z
    .string()
    .regex(/^[0-9A-Za-z]{3}$/)
    .optional(),
  custom: z.boolean().default(true),
  customSetting: z.boolean().default(false),
  /** Whether DML may create, update and delete it (false for AsyncApexJob and ApexClass). */
  createable: z.boolean().default(true),
  /** Whether DML may delete (and undelete) its records; false for User, which is deactivated. */
  deletable: z.boolean().default(true),
  /** How Name is made: typed text (the default), an auto-number, or no Name field at all. */
  nameField: z
    .object({
      type: z.enum(['text', 'autonumber', 'none']),
      label: z.string().optional(),
      displayFormat: z.string().optional(),
      length: z.number().int().positive().optional(),
    })
    .default({ type: 'text' }),
  fields: z.array(fieldSchema),
  indexes: z.array(indexSchema).default([]),
});

export type FieldDefinition = z.infer<typeof fieldSchema>;
export type ObjectDefinitionInput = z.input<typeof objectSchema>;
export type ObjectDefinition = z.infer<typeof objectSchema>;
