/**
 * What the compiler carries down the tree: the classes the host knows and the locals in scope.
 */

import type { AnonymousApexHost, ApexClassRef } from './host.ts';
import type { Scope } from './scope.ts';

export interface CompileContext {
  readonly classes: ClassResolver;
  readonly scope: Scope;
}

/** The host's class lookup, asked at most once per name (case-insensitively) per script. */
export class ClassResolver {
  private readonly cache = new Map<string, ApexClassRef | undefined>();

  constructor(private readonly host: Pick<AnonymousApexHost, 'resolveClass'>) {}

  resolve(name: string): ApexClassRef | undefined {
    const key = name.toLowerCase();
    if (!this.cache.has(key)) this.cache.set(key, this.host.resolveClass(name));
    return this.cache.get(key);
  }
}

/** A context for a nested block: same classes, a child scope. */
export function inBlock(cx: CompileContext): CompileContext {
  return { classes: cx.classes, scope: cx.scope.child() };
}
