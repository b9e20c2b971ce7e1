/**
 * The compiled form of an anonymous Apex script: a small tree of statements and expressions with
 * every name already resolved (locals to slots, classes to refs, system methods to their
 * definitions). The evaluator walks it without looking back at the parse tree.
 *
 * To add a construct: add a node kind here, a rule in `compile-*.ts` that builds it, and an entry
 * in `evaluate.ts` that runs it. TypeScript then flags every place that must handle the new kind.
 */

import type { AnonymousApexHost, ApexClassRef, ApexValue } from './host.ts';
import type { StaticType } from './static-types.ts';

/** A 1-based place in the script, as executeAnonymous reports it. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A system method such as `System.debug`, defined once and called by compiled code. */
export interface SystemMethod {
  /** `System.debug`. */
  readonly apexName: string;
  /** Whether arguments of these static types match the method's signature. */
  accepts(argTypes: readonly StaticType[]): boolean;
  readonly returns: StaticType;
  call(args: readonly ApexValue[], runtime: Runtime): ApexValue | Promise<ApexValue>;
}

/** What running code can reach: the host and what the run has learned about its instances. */
export interface Runtime {
  readonly host: AnonymousApexHost;
  /** The class each instance created by `new` belongs to, for printing it like Apex does. */
  readonly classOf: WeakMap<object, ApexClassRef>;
}

export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'local'; readonly slot: number }
  | { readonly kind: 'assign'; readonly slot: number; readonly value: Expr }
  | { readonly kind: 'new'; readonly classRef: ApexClassRef; readonly args: readonly Expr[] }
  | {
      readonly kind: 'invoke';
      readonly target: Expr;
      /** The target's class, for messages. */
      readonly typeName: string;
      /** Lower-case method name; the instance's own spelling is found at run time. */
      readonly method: string;
      readonly args: readonly Expr[];
    }
  | { readonly kind: 'system'; readonly method: SystemMethod; readonly args: readonly Expr[] };

export type Stmt =
  | {
      readonly kind: 'declare';
      readonly pos: Position;
      readonly slot: number;
      readonly init: Expr | null;
    }
  | { readonly kind: 'expression'; readonly pos: Position; readonly expr: Expr }
  | { readonly kind: 'block'; readonly pos: Position; readonly body: readonly Stmt[] };

/** A compiled script, ready for `runAnonymous`. */
export interface AnonymousProgram {
  readonly body: readonly Stmt[];
  /** How many local variable slots a run needs. */
  readonly slotCount: number;
}
