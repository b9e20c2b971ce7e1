/**
 * A queueable's state as the job store keeps it: its own fields as JSON, Dates tagged so they
 * come back as Dates. Restoring does not run the constructor, as Apex deserialisation does not.
 */
import type { ApexConstructor } from './apex-classes.ts';

const DATE_TAG = '$aflo-emu:date';

export function serializeJobState(instance: object): string {
  return JSON.stringify(
    { ...instance },
    function (this: Record<string, unknown>, key, value: unknown) {
      const original = this[key];
      return original instanceof Date ? { [DATE_TAG]: original.getTime() } : value;
    },
  );
}

export function restoreJobState(type: ApexConstructor, state: string): object {
  const fields = JSON.parse(state, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && DATE_TAG in value) {
      return new Date(Number((value as Record<string, unknown>)[DATE_TAG]));
    }
    return value;
  }) as Record<string, unknown>;
  return Object.assign(Object.create(type.prototype) as object, fields);
}
