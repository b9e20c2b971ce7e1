/**
 * The compile-time types of anonymous Apex: enough to name argument types in "Method does not
 * exist" messages and to reject assignments a real org rejects. Host methods don't declare return
 * types, so their results are `unknown`: assignable anywhere, but not callable on.
 */

import type { ApexClassRef } from './host.ts';

export const PRIMITIVE_NAMES = [
  'String',
  'Integer',
  'Long',
  'Decimal',
  'Double',
  'Boolean',
  'Id',
  'Object',
] as const;

export type PrimitiveName = (typeof PRIMITIVE_NAMES)[number];

export type StaticType =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'class'; readonly ref: ApexClassRef }
  | { readonly kind: 'null' }
  | { readonly kind: 'void' }
  | { readonly kind: 'unknown' };

export const NULL_TYPE: StaticType = { kind: 'null' };
export const VOID_TYPE: StaticType = { kind: 'void' };
export const UNKNOWN_TYPE: StaticType = { kind: 'unknown' };

export function primitive(name: PrimitiveName): StaticType {
  return { kind: 'primitive', name };
}

/** The primitive a type name denotes (`string`, `System.Integer`, `ID`), if any. */
export function primitiveNamed(name: string): PrimitiveName | undefined {
  const bare = name.toLowerCase().replace(/^system\./, '');
  return PRIMITIVE_NAMES.find((p) => p.toLowerCase() === bare);
}

/** The type's name as the platform prints it in compile problems. */
export function typeName(type: StaticType): string {
  switch (type.kind) {
    case 'primitive':
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

/** Implicit widenings Apex allows between primitives (`Integer` to `Decimal`, `String` to `Id`). */
const WIDENINGS: Readonly<Record<PrimitiveName, readonly PrimitiveName[]>> = {
  String: ['Id'],
  Id: ['String'],
  Integer: ['Long', 'Decimal', 'Double'],
  Long: ['Decimal', 'Double'],
  Decimal: ['Double'],
  Double: ['Decimal'],
  Boolean: [],
  Object: [],
};

/** Whether a value of type `from` may be stored in a variable of type `to`. */
export function isAssignable(from: StaticType, to: StaticType): boolean {
  if (from.kind === 'void' || to.kind === 'void') return false;
  if (from.kind === 'null' || from.kind === 'unknown') return true;
  if (to.kind === 'primitive' && to.name === 'Object') return true;
  if (from.kind === 'class' || to.kind === 'class') {
    return (
      from.kind === 'class' &&
      to.kind === 'class' &&
      from.ref.apexName.toLowerCase() === to.ref.apexName.toLowerCase()
    );
  }
  if (from.kind !== 'primitive' || to.kind !== 'primitive') return false;
  return from.name === to.name || WIDENINGS[from.name].includes(to.name);
}
