/**
 * Triggers: handlers written in TypeScript, registered for an sObject type and a set of trigger
 * events, and run by DML with the Salesforce trigger context (Trigger.new, old, newMap, oldMap,
 * isInsert… and operationType). All triggers are bulk: one run per chunk of up to 200 records.
 */
import { ApexException } from '../errors.ts';
import type { StoredRecord, SObjectRecord } from '../storage/records.ts';

export const TRIGGER_EVENTS = [
  'before insert',
  'before update',
  'before delete',
  'after insert',
  'after update',
  'after delete',
  'after undelete',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export type TriggerOperation =
  | 'BEFORE_INSERT'
  | 'BEFORE_UPDATE'
  | 'BEFORE_DELETE'
  | 'AFTER_INSERT'
  | 'AFTER_UPDATE'
  | 'AFTER_DELETE'
  | 'AFTER_UNDELETE';

/** What a trigger handler receives, as `System.Trigger` gives it in Apex. */
export interface TriggerContext {
  readonly isExecuting: true;
  readonly isInsert: boolean;
  readonly isUpdate: boolean;
  readonly isDelete: boolean;
  readonly isUndelete: boolean;
  readonly isBefore: boolean;
  readonly isAfter: boolean;
  readonly operationType: TriggerOperation;
  /** Records being written; modifiable only in before insert and before update. */
  readonly new: SObjectRecord[] | null;
  readonly old: StoredRecord[] | null;
  readonly newMap: ReadonlyMap<string, SObjectRecord> | null;
  readonly oldMap: ReadonlyMap<string, StoredRecord> | null;
  readonly size: number;
  /** `record.addError(message)`: fails this record (and, in an all-or-none DML, the statement). */
  addError(record: SObjectRecord, message: string, field?: string): void;
}

export type TriggerHandler = (context: TriggerContext) => void;

export interface TriggerDefinition {
  /** The trigger's Apex name, e.g. `AFLO.CustomerTrigger`, used in error messages. */
  name: string;
  sObject: string;
  events: readonly TriggerEvent[];
  handler: TriggerHandler;
}

export class TriggerRegistry {
  private readonly byTypeAndEvent = new Map<string, TriggerDefinition[]>();

  register(definition: TriggerDefinition): void {
    for (const event of definition.events) {
      const key = `${definition.sObject.toLowerCase()}|${event}`;
      const list = this.byTypeAndEvent.get(key) ?? [];
      list.push(definition);
      this.byTypeAndEvent.set(key, list);
    }
  }

  /** The triggers to run for a type and event, in registration order. */
  find(sObject: string, event: TriggerEvent): readonly TriggerDefinition[] {
    return this.byTypeAndEvent.get(`${sObject.toLowerCase()}|${event}`) ?? [];
  }
}

export function operationOf(event: TriggerEvent): TriggerOperation {
  return event.toUpperCase().replace(' ', '_') as TriggerOperation;
}

/**
 * A copy of a record that throws `System.FinalException: Record is read-only` on any change, as
 * `Trigger.old` and an after trigger's `Trigger.new` do in Apex.
 */
export function readOnlyRecord<T extends SObjectRecord>(record: T): T {
  const refuse = (): never => {
    throw new ApexException('System.FinalException', 'Record is read-only');
  };
  return new Proxy({ ...record }, { set: refuse, defineProperty: refuse, deleteProperty: refuse });
}
