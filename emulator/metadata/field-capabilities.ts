/**
 * What SOQL may do with a field of each type, as the describe's `groupable` and `aggregatable`
 * report it: a long text area can be neither grouped nor aggregated, a number (a double on the
 * platform) or a datetime cannot be grouped, and a checkbox cannot be aggregated.
 */
import type { FieldDefinition } from './schema.ts';

/** Whether GROUP BY may name the field. */
export function isGroupable(field: FieldDefinition): boolean {
  return field.type !== 'longtext' && field.type !== 'number' && field.type !== 'datetime';
}

/** Whether COUNT, COUNT_DISTINCT, MIN and MAX may take the field (SUM and AVG want a number). */
export function isAggregatable(field: FieldDefinition): boolean {
  return field.type !== 'longtext' && field.type !== 'checkbox';
}
