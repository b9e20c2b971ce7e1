/**
 * The compiled form of an anonymous Apex script: a small tree of statements and expressions with
 * every name already resolved (locals to slots, classes to refs, fields to canonical names,
 * operators and methods to the functions that implement them for the operand types). The
 * evaluator walks it without looking back at the parse tree.
 *
 * To add a construct: add a node kind here, a rule in `compile-*.ts` that builds it, and an entry
 * in `evaluate.ts` or `run-statements.ts` that runs it. TypeScript then flags every place that
 * must handle the new kind.
 */

import type { AnonymousApexHost, ApexClassRef, ApexValue } from './host.ts';

/** A 1-based place in the script, as executeAnonymous reports it. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** What running code can reach: the host and what the run has learned about its values. */
export interface Runtime {
  readonly host: AnonymousApexHost;
  /** The class each instance created by `new` belongs to, for printing it like Apex does. */
  readonly classOf: WeakMap<object, ApexClassRef>;
  /** The fields (lower case) each queried record was selected with; reading another throws. */
  readonly queried: WeakMap<object, ReadonlySet<string>>;
}

/** A value that is not null: what an instance method is called on. */
export type Target = Exclude<ApexValue, null>;

/** A static method or constructor (`System.debug`, `new List<String>{…}`), arguments evaluated. */
export type StaticCall = (
  args: readonly ApexValue[],
  runtime: Runtime,
) => ApexValue | Promise<ApexValue>;

/** A platform instance method (`list.add(x)`, `s.length()`); the target is never null. */
export type InstanceCall = (
  target: Target,
  args: readonly ApexValue[],
  runtime: Runtime,
) => ApexValue | Promise<ApexValue>;

/** An operator for the operand types the compiler saw (Integer `+` wraps, String `+` joins). */
export type BinaryOperator = (left: ApexValue, right: ApexValue, runtime: Runtime) => ApexValue;

/** A unary operator or an implicit conversion (`String` to `Id` checks the Id). */
export type UnaryOperator = (value: ApexValue) => ApexValue;

/** An inline query: its text with `:bN` binds, and what the result is assigned to. */
export interface SoqlPlan {
  /** Query text pieces; a number is a LIMIT/OFFSET bind, inlined as an integer when run. */
  readonly segments: ReadonlyArray<string | number>;
  /** The bind expressions; WHERE binds are named `b<index>` in the text. */
  readonly binds: readonly Expr[];
  /** A list, one record (`Account a = [SELECT …]`), or the Integer of `SELECT COUNT()`. */
  readonly mode: 'list' | 'single' | 'count';
}

export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'local'; readonly slot: number }
  | { readonly kind: 'assign'; readonly target: Place; readonly value: Expr }
  | {
      /** `x += v`, `x++`: reads the place once, stores `op(old, v)`, yields new (or old). */
      readonly kind: 'update';
      readonly target: Place;
      readonly op: BinaryOperator;
      readonly value: Expr;
      readonly yieldsOld: boolean;
    }
  | {
      readonly kind: 'field';
      readonly target: Expr;
      /** Canonical field or relationship name. */
      readonly field: string;
      readonly sObjectType: string;
    }
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr }
  /** A property of a platform object, such as `options.MinimumQueueableDelayInMinutes`. */
  | { readonly kind: 'property'; readonly target: Expr; readonly property: string }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
    }
  | {
      readonly kind: 'logical';
      readonly op: 'and' | 'or';
      readonly left: Expr;
      readonly right: Expr;
    }
  | { readonly kind: 'unary'; readonly op: UnaryOperator; readonly operand: Expr }
  | {
      readonly kind: 'conditional';
      readonly test: Expr;
      readonly then: Expr;
      readonly otherwise: Expr;
    }
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
  | {
      readonly kind: 'call';
      /** `System.debug`, for traces and tests. */
      readonly name: string;
      readonly call: StaticCall;
      readonly args: readonly Expr[];
    }
  | {
      readonly kind: 'method';
      readonly name: string;
      readonly call: InstanceCall;
      readonly target: Expr;
      readonly args: readonly Expr[];
    }
  | { readonly kind: 'soql'; readonly plan: SoqlPlan };

/** What an assignment may store into: a local, a record's field, a list element. */
export type Place = Extract<Expr, { kind: 'local' | 'field' | 'index' | 'property' }>;

/** A `catch (Type e)` clause: the exception types it catches (`Exception` catches all). */
export interface CatchClause {
  /** Canonical exception type names, e.g. `System.DmlException`; `Exception` for any. */
  readonly type: string;
  readonly slot: number;
  readonly body: Stmt;
}

export type Stmt =
  | {
      readonly kind: 'declare';
      readonly pos: Position;
      readonly slot: number;
      readonly init: Expr | null;
    }
  | { readonly kind: 'expression'; readonly pos: Position; readonly expr: Expr }
  | { readonly kind: 'block'; readonly pos: Position; readonly body: readonly Stmt[] }
  | {
      readonly kind: 'if';
      readonly pos: Position;
      readonly test: Expr;
      readonly then: Stmt;
      readonly otherwise: Stmt | null;
    }
  | {
      /** `while` (test first) and `do … while` (body first). */
      readonly kind: 'while';
      readonly pos: Position;
      readonly test: Expr;
      readonly body: Stmt;
      readonly testFirst: boolean;
    }
  | {
      readonly kind: 'for';
      readonly pos: Position;
      readonly init: readonly Stmt[];
      readonly test: Expr | null;
      readonly update: readonly Expr[];
      readonly body: Stmt;
    }
  | {
      /** `for (X x : list)`; `chunk` > 0 iterates lists of that many (`for (List<X> xs : […])`). */
      readonly kind: 'forEach';
      readonly pos: Position;
      readonly slot: number;
      readonly iterable: Expr;
      readonly chunk: number;
      readonly body: Stmt;
    }
  | { readonly kind: 'break' | 'continue' | 'return'; readonly pos: Position }
  | {
      readonly kind: 'try';
      readonly pos: Position;
      readonly body: Stmt;
      readonly catches: readonly CatchClause[];
      readonly finally: Stmt | null;
    };

/** A compiled script, ready for `runAnonymous`. */
export interface AnonymousProgram {
  readonly body: readonly Stmt[];
  /** How many local variable slots a run needs. */
  readonly slotCount: number;
}
