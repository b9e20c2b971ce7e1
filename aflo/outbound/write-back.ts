/**
 * Writing back what Amberflo assigned (a customer promotion's relation id, a customer's create
 * and update times) onto the AFLO record, without exporting the change again. Only fields whose
 * value differs are written, and nothing is written to a record that has been deleted.
 */
import { Database, sobject, type FieldValue } from '../../emulator/apex-api.ts';
import { withoutExport } from '../events/export-guard.ts';
import { MAPPINGS, type AfloObjectType, type AmberfloJson } from '../mapping/index.ts';

/** Writes the assigned values; returns whether the record was updated. */
export function writeBack(
  objectType: AfloObjectType,
  recordId: unknown,
  answer: AmberfloJson | null,
): boolean {
  if (answer === null || typeof recordId !== 'string' || recordId === '') return false;
  const mapping = MAPPINGS[objectType];
  const assigned = mapping.assignedFields(answer);
  const names = Object.keys(assigned);
  if (names.length === 0) return false;

  const [current] = Database.query(
    `SELECT Id, IsDeleted, ${names.join(', ')} FROM ${mapping.sObject} WHERE Id = :recordId ALL ROWS`,
    { recordId },
  );
  if (current === undefined || current.IsDeleted === true) return false;
  const changes = Object.fromEntries(
    Object.entries(assigned).filter(([name, value]) => !sameValue(current[name], value)),
  );
  if (Object.keys(changes).length === 0) return false;

  withoutExport(() => Database.update([sobject(mapping.sObject, { Id: recordId, ...changes })]));
  return true;
}

function sameValue(stored: unknown, assigned: FieldValue): boolean {
  if (stored instanceof Date && assigned instanceof Date)
    return stored.getTime() === assigned.getTime();
  return stored === assigned;
}
