/**
 * Turns the records a caller hands to DML into canonical form: field names resolved without
 * regard to case, unknown and read-only fields reported, values checked and converted.
 */
import { checkValue, type FieldProblem } from './validate.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { FieldValue } from '../storage/codec.ts';
import type { SObjectRecord } from '../storage/records.ts';

export type Operation = 'insert' | 'update';

export interface Normalized {
  values: Record<string, FieldValue>;
  problems: FieldProblem[];
}

/** Checks and converts the fields a record sets (Id and attributes excluded). */
export function normalizeFields(
  type: SObjectType,
  record: SObjectRecord,
  operation: Operation,
  system: boolean,
  isChildRelationship: (name: string) => boolean = () => false,
): Normalized {
  const values: Record<string, FieldValue> = {};
  const problems: FieldProblem[] = [];

  for (const [key, raw] of Object.entries(record)) {
    if (key === 'attributes' || raw === undefined) continue;
    const field = type.getField(key);
    // A queried record carries its parents (`Parent__r: {…}`); Apex DML leaves them alone.
    const isParent = type.getRelationship(key) !== undefined && typeof raw === 'object';
    if (field === undefined && isParent) continue;
    // And a child subquery's result (`CustomerPromotions__r: { records: […] }` or null).
    if (field === undefined && isChildRelationship(key)) continue;
    if (field === undefined) {
      problems.push({
        statusCode: 'INVALID_FIELD',
        message: `No such column '${key}' on sobject of type ${type.name}`,
        fields: [key],
      });
      continue;
    }
    if (field.name === 'Id') {
      // A new record's Id is null in Apex, so a null Id is no Id.
      if (operation === 'insert' && raw !== null) {
        problems.push({
          statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: 'cannot specify Id in an insert call',
          fields: ['Id'],
        });
      }
      continue;
    }
    if (field.system && !system) {
      problems.push({
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: [field.name],
      });
      continue;
    }
    if (typeof raw === 'object' && raw !== null && !(raw instanceof Date)) {
      problems.push({
        statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
        message: `${field.name}: value not of required type: ${JSON.stringify(raw)}`,
        fields: [field.name],
      });
      continue;
    }
    const checked = checkValue(field, raw);
    if (checked.ok) values[field.name] = checked.value;
    else problems.push(checked.problem);
  }
  return { values, problems };
}
