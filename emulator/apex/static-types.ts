/**
 * The compile-time types of anonymous Apex: enough to pick the operator and method a script
 * means, name argument types in "Method does not exist" messages and reject assignments a real
 * org rejects. Host methods don't declare return types, so their results are `unknown`:
 * assignable anywhere, but not callable on.
 */

import type { ApexClassRef, SObjectTypeRef } from './host.ts';

export const PRIMITIVE_NAMES = [
  'String',
  'Integer',
  'Long',
  'Decimal',
  'Double',
  'Boolean',
  'Id',
  'Date',
  'Datetime',
  'Object',
] as const;

export type PrimitiveName = (typeof PRIMITIVE_NAMES)[number];

/** Platform classes a script can hold values of, beyond primitives, collections and sObjects. */
export const PLATFORM_TYPE_NAMES = [
  'Database.SaveResult',
  'Database.UpsertResult',
  'Database.DeleteResult',
  'Database.UndeleteResult',
  'Database.Error',
  'LoggingLevel',
  'Schema.SObjectField',
  'AsyncOptions',
  'QueueableDuplicateSignature',
  'QueueableDuplicateSignature.Builder',
] as const;

export type PlatformTypeName = (typeof PLATFORM_TYPE_NAMES)[number];

export type StaticType =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  /** An sObject type; `ref` null is the generic `SObject`. */
  | { readonly kind: 'sobject'; readonly ref: SObjectTypeRef | null }
  | { readonly kind: 'list'; readonly element: StaticType }
  | { readonly kind: 'set'; readonly element: StaticType }
  | { readonly kind: 'map'; readonly key: StaticType; readonly value: StaticType }
  | { readonly kind: 'platform'; readonly name: PlatformTypeName }
  /** An exception type: `Exception` or `System.DmlException`. */
  | { readonly kind: 'exception'; readonly name: string }
  | { readonly kind: 'class'; readonly ref: ApexClassRef }
  | { readonly kind: 'null' }
  | { readonly kind: 'void' }
  | { readonly kind: 'unknown' };

export const NULL_TYPE: StaticType = { kind: 'null' };
export const VOID_TYPE: StaticType = { kind: 'void' };
export const UNKNOWN_TYPE: StaticType = { kind: 'unknown' };
export const SOBJECT_TYPE: StaticType = { kind: 'sobject', ref: null };

export function primitive(name: PrimitiveName): StaticType {
  return { kind: 'primitive', name };
}

export function listOf(element: StaticType): StaticType {
  return { kind: 'list', element };
}

export function setOf(element: StaticType): StaticType {
  return { kind: 'set', element };
}

export function mapOf(key: StaticType, value: StaticType): StaticType {
  return { kind: 'map', key, value };
}

export function platform(name: PlatformTypeName): StaticType {
  return { kind: 'platform', name };
}

export const STRING = primitive('String');
export const INTEGER = primitive('Integer');
export const BOOLEAN = primitive('Boolean');
export const ID = primitive('Id');
export const OBJECT = primitive('Object');

/** The primitive a type name denotes (`string`, `System.Integer`, `ID`), if any. */
export function primitiveNamed(name: string): PrimitiveName | undefined {
  const bare = name.toLowerCase().replace(/^system\./, '');
  return PRIMITIVE_NAMES.find((p) => p.toLowerCase() === bare);
}

/** The platform class a type name denotes (`Database.SaveResult`, `database.error`), if any. */
export function platformNamed(name: string): PlatformTypeName | undefined {
  const lower = name.toLowerCase();
  return PLATFORM_TYPE_NAMES.find(
    (p) => p.toLowerCase() === lower || p.toLowerCase() === `system.${lower}`,
  );
}

/** The type's name as the platform prints it in compile problems: `Map<Id,Account>`. */
export function typeName(type: StaticType): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'sobject':
      return type.ref?.name ?? 'SObject';
    case 'list':
      return `List<${typeName(type.element)}>`;
    case 'set':
      return `Set<${typeName(type.element)}>`;
    case 'map':
      return `Map<${typeName(type.key)},${typeName(type.value)}>`;
    case 'platform':
    case 'exception':
      return type.name;
    case 'class':
      return type.ref.apexName;
    case 'null':
      return 'NULL';
    case 'void':
      return 'void';
    case 'unknown':
      return 'Object';
  }
}

/** Whether two types are the same type (names are case-insensitive in Apex). */
export function sameType(a: StaticType, b: StaticType): boolean {
  return typeName(a).toLowerCase() === typeName(b).toLowerCase();
}

export function isPrimitive(type: StaticType, ...names: PrimitiveName[]): boolean {
  return type.kind === 'primitive' && names.includes(type.name);
}

/** Integer, Long, Decimal or Double. */
export function isNumeric(type: StaticType): boolean {
  return isPrimitive(type, 'Integer', 'Long', 'Decimal', 'Double');
}

/** String or Id: the types `+` concatenates and `==` compares without case. */
export function isText(type: StaticType): boolean {
  return isPrimitive(type, 'String', 'Id');
}

/** Implicit widenings Apex allows between primitives (`Integer` to `Decimal`, `String` to `Id`). */
const WIDENINGS: Readonly<Record<PrimitiveName, readonly PrimitiveName[]>> = {
  String: ['Id'],
  Id: ['String'],
  Integer: ['Long', 'Decimal', 'Double'],
  Long: ['Decimal', 'Double'],
  Decimal: ['Double'],
  Double: ['Decimal'],
  Boolean: [],
  Date: ['Datetime'],
  Datetime: [],
  Object: [],
};

/** Whether a value of type `from` may be stored in a variable of type `to`. */
export function isAssignable(from: StaticType, to: StaticType): boolean {
  if (from.kind === 'void' || to.kind === 'void') return false;
  if (from.kind === 'null' || from.kind === 'unknown') return true;
  if (to.kind === 'primitive' && to.name === 'Object') return true;

  switch (to.kind) {
    case 'primitive':
      return (
        from.kind === 'primitive' &&
        (from.name === to.name || WIDENINGS[from.name].includes(to.name))
      );
    case 'sobject':
      return from.kind === 'sobject' && (to.ref === null || sameType(from, to));
    case 'list':
      // A list of a concrete sObject type may be used as a List<SObject>, as in Apex.
      return (
        from.kind === 'list' &&
        (sameType(from.element, to.element) ||
          (to.element.kind === 'sobject' &&
            to.element.ref === null &&
            from.element.kind === 'sobject'))
      );
    case 'exception':
      return from.kind === 'exception' && (to.name === 'Exception' || sameType(from, to));
    default:
      return sameType(from, to);
  }
}

/** The sObject type a value of this type holds (`AFLO__Customer__c`), or undefined. */
export function sObjectOf(type: StaticType): SObjectTypeRef | null | undefined {
  return type.kind === 'sobject' ? type.ref : undefined;
}
