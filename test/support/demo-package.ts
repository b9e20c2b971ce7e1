/**
 * A small package for emulator tests, namespace `Demo`: a widget with one field of each kind, a
 * parent it looks up, and a ticket with an auto-number Name and two required fields. Tests add
 * their own Apex classes and triggers.
 */
import type { ApexClassDefinition } from '../../emulator/async/apex-classes.ts';
import type { TriggerDefinition } from '../../emulator/dml/triggers.ts';
import type { ObjectDefinitionInput } from '../../emulator/metadata/schema.ts';
import type { Org } from '../../emulator/org.ts';
import type { OrgPackage } from '../../emulator/package.ts';
import { sobject, type FieldValue, type SObjectRecord } from '../../emulator/apex-api.ts';

export const WIDGET = 'Demo__c';
export const PARENT = 'Demo_Parent__c';
export const TICKET = 'Demo_Ticket__c';

export const DEMO_OBJECTS: ObjectDefinitionInput[] = [
  {
    name: WIDGET,
    label: 'Widget',
    fields: [
      { name: 'Code__c', type: 'text', length: 10, unique: true },
      { name: 'ExtId__c', type: 'text', length: 20, externalId: true },
      { name: 'Status__c', type: 'picklist', values: ['New', 'Done'] },
      { name: 'Amount__c', type: 'number', precision: 8, scale: 2 },
      { name: 'Active__c', type: 'checkbox' },
      { name: 'Due__c', type: 'date' },
      { name: 'When__c', type: 'datetime' },
      { name: 'Email__c', type: 'email', length: 80 },
      { name: 'Notes__c', type: 'longtext' },
      { name: 'Parent__c', type: 'lookup', referenceTo: PARENT, relationshipName: 'Parent__r' },
    ],
  },
  { name: PARENT, label: 'Parent', fields: [] },
  {
    name: TICKET,
    label: 'Ticket',
    nameField: { type: 'autonumber', displayFormat: 'T-{0000}' },
    fields: [
      { name: 'Subject__c', type: 'text', length: 40, required: true },
      { name: 'Priority__c', type: 'text', length: 10, required: true },
    ],
  },
];

export interface DemoPackageOptions {
  classes?: readonly ApexClassDefinition[];
  triggers?: readonly TriggerDefinition[];
  install?: (org: Org) => Promise<void> | void;
}

export function demoPackage(options: DemoPackageOptions = {}): OrgPackage {
  return {
    namespace: 'Demo',
    objects: DEMO_OBJECTS,
    classes: options.classes ?? [],
    triggers: options.triggers ?? [],
    ...(options.install === undefined ? {} : { install: options.install }),
  };
}

/** A widget record ready for DML. */
export function widget(fields: Record<string, FieldValue | undefined> = {}): SObjectRecord {
  return sobject(WIDGET, { Name: 'w', ...fields });
}
