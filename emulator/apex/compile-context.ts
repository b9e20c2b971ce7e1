/**
 * What the compiler carries down the tree: the host's classes and sObject types, the locals in
 * scope, the script's text (inline queries are cut out of it) and whether a `break` has a loop.
 */

import type { ApexClassRef, CompileHost, SObjectTypeRef } from './host.ts';
import type { Scope } from './scope.ts';

export interface CompileContext {
  readonly classes: CachedLookup<ApexClassRef>;
  readonly sObjects: CachedLookup<SObjectTypeRef>;
  readonly host: CompileHost;
  readonly scope: Scope;
  readonly source: string;
  /** How many loops enclose the code being compiled. */
  readonly loopDepth: number;
}

/** A host lookup asked at most once per name (case-insensitively) per script. */
export class CachedLookup<T> {
  private readonly cache = new Map<string, T | undefined>();

  constructor(private readonly lookup: (name: string) => T | undefined) {}

  resolve(name: string): T | undefined {
    const key = name.toLowerCase();
    if (!this.cache.has(key)) this.cache.set(key, this.lookup(name));
    return this.cache.get(key);
  }
}

/** The context of a script's top level. */
export function topLevel(host: CompileHost, scope: Scope, source: string): CompileContext {
  return {
    classes: new CachedLookup((name) => host.resolveClass(name)),
    sObjects: new CachedLookup((name) => host.resolveSObject(name)),
    host,
    scope,
    source,
    loopDepth: 0,
  };
}

/** A context for a nested block: same names, a child scope. */
export function inBlock(cx: CompileContext): CompileContext {
  return { ...cx, scope: cx.scope.child() };
}

/** A context for a loop's body: a child scope in which `break` and `continue` are allowed. */
export function inLoop(cx: CompileContext): CompileContext {
  return { ...cx, scope: cx.scope.child(), loopDepth: cx.loopDepth + 1 };
}
