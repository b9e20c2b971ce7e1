/**
 * Local variables at compile time. Each declaration gets its own slot in the run's frame, so the
 * evaluator never looks a name up. Names are case-insensitive, and Apex forbids redeclaring a name
 * that an enclosing block already declares.
 */

import type { StaticType } from './static-types.ts';

export interface LocalVariable {
  readonly name: string;
  readonly slot: number;
  readonly type: StaticType;
}

/** Hands out slot numbers across all the blocks of one script. */
export class SlotAllocator {
  count = 0;

  next(): number {
    return this.count++;
  }
}

export class Scope {
  private readonly locals = new Map<string, LocalVariable>();

  constructor(
    private readonly slots: SlotAllocator,
    private readonly parent?: Scope,
  ) {}

  /** A scope for a nested block. */
  child(): Scope {
    return new Scope(this.slots, this);
  }

  lookup(name: string): LocalVariable | undefined {
    return this.locals.get(name.toLowerCase()) ?? this.parent?.lookup(name);
  }

  /** Declares a local; undefined when the name is already taken here or in an enclosing block. */
  declare(name: string, type: StaticType): LocalVariable | undefined {
    if (this.lookup(name) !== undefined) return undefined;
    const local = { name, slot: this.slots.next(), type };
    this.locals.set(name.toLowerCase(), local);
    return local;
  }
}
