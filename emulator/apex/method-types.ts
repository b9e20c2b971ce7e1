/**
 * How the platform's methods are described for the compiler: a method binds to the static types
 * of its target and arguments (choosing an overload), giving the function that runs and the
 * type it returns. Tables of them live in `*-methods.ts`.
 */

import type { InstanceCall, StaticCall } from './ir.ts';
import { isAssignable, type StaticType } from './static-types.ts';

export interface Bound<Call> {
  readonly call: Call;
  readonly returns: StaticType;
}

/** A static method such as `System.debug` or `String.valueOf`. */
export interface StaticMethod {
  /** `System.debug`. */
  readonly apexName: string;
  /** The call for these argument types; undefined when no overload matches. */
  bind(argTypes: readonly StaticType[]): Bound<StaticCall> | undefined;
}

/** An instance method of a platform type, such as `List.add` or `String.length`. */
export interface InstanceMethod {
  /** Canonical name, `add`. */
  readonly name: string;
  bind(target: StaticType, argTypes: readonly StaticType[]): Bound<InstanceCall> | undefined;
}

/** Whether arguments of `argTypes` fit parameters of `params`. */
export function fits(params: readonly StaticType[], argTypes: readonly StaticType[]): boolean {
  return (
    params.length === argTypes.length &&
    params.every((param, i) => isAssignable(argTypes[i] ?? param, param))
  );
}

/** An overload with fixed parameter types. */
export function overload<Call>(
  params: readonly StaticType[],
  returns: StaticType,
  call: Call,
): (argTypes: readonly StaticType[]) => Bound<Call> | undefined {
  return (argTypes) => (fits(params, argTypes) ? { call, returns } : undefined);
}

/** The first overload that binds. */
export function firstOf<Call>(
  overloads: ReadonlyArray<(argTypes: readonly StaticType[]) => Bound<Call> | undefined>,
  argTypes: readonly StaticType[],
): Bound<Call> | undefined {
  for (const candidate of overloads) {
    const bound = candidate(argTypes);
    if (bound !== undefined) return bound;
  }
  return undefined;
}

/** A table of methods keyed by lower-case name. */
export function byName<M extends { readonly name: string }>(methods: readonly M[]): Map<string, M> {
  return new Map(methods.map((method) => [method.name.toLowerCase(), method]));
}
