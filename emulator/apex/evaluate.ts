/**
 * Runs a compiled program. Each IR node kind has one evaluator in the tables below; statements
 * run in order, and the first exception stops the run with the position of the statement that
 * raised it added to its Apex stack trace.
 */

import { ApexException, toApexException } from '../errors.ts';
import type { AnonymousApexHost, ApexValue } from './host.ts';
import type { AnonymousProgram, Expr, Position, Runtime, Stmt } from './ir.ts';
import { invokeMethod } from './invoke.ts';

/** One run's state: the runtime, the locals' slots, and the exceptions already given a frame. */
interface Frame {
  readonly runtime: Runtime;
  readonly locals: ApexValue[];
  readonly traced: WeakSet<ApexException>;
}

type Evaluators<Node extends { kind: string }, Result> = {
  readonly [K in Node['kind']]: (node: Extract<Node, { kind: K }>, frame: Frame) => Promise<Result>;
};

/**
 * Runs `program` against `host`. An unhandled exception is thrown as an ApexException (anything
 * else thrown is wrapped as `System.UnexpectedException`) with `apexStackTrace` ending in
 * `AnonymousBlock: line L, column C` for the failing statement.
 */
export async function runAnonymous(
  program: AnonymousProgram,
  host: AnonymousApexHost,
): Promise<void> {
  const frame: Frame = {
    runtime: { host, classOf: new WeakMap() },
    locals: new Array<ApexValue>(program.slotCount).fill(null),
    traced: new WeakSet(),
  };
  await runStatements(program.body, frame);
}

async function runStatements(statements: readonly Stmt[], frame: Frame): Promise<void> {
  for (const statement of statements) await runStatement(statement, frame);
}

async function runStatement(statement: Stmt, frame: Frame): Promise<void> {
  const run = STATEMENTS[statement.kind] as (node: Stmt, frame: Frame) => Promise<void>;
  try {
    await run(statement, frame);
  } catch (error) {
    throw withFrame(error, statement.pos, frame);
  }
}

const STATEMENTS: Evaluators<Stmt, void> = {
  declare: async (node, frame) => {
    frame.locals[node.slot] = node.init === null ? null : await evaluate(node.init, frame);
  },
  expression: async (node, frame) => {
    await evaluate(node.expr, frame);
  },
  block: (node, frame) => runStatements(node.body, frame),
};

function evaluate(node: Expr, frame: Frame): Promise<ApexValue> {
  const run = EXPRESSIONS[node.kind] as (node: Expr, frame: Frame) => Promise<ApexValue>;
  return run(node, frame);
}

/** Arguments are evaluated left to right, each awaited before the next starts. */
async function evaluateAll(nodes: readonly Expr[], frame: Frame): Promise<ApexValue[]> {
  const values: ApexValue[] = [];
  for (const node of nodes) values.push(await evaluate(node, frame));
  return values;
}

const EXPRESSIONS: Evaluators<Expr, ApexValue> = {
  literal: async (node) => node.value,
  local: async (node, frame) => frame.locals[node.slot] ?? null,
  assign: async (node, frame) => {
    const value = await evaluate(node.value, frame);
    frame.locals[node.slot] = value;
    return value;
  },
  new: async (node, frame) => {
    const instance = node.classRef.construct(await evaluateAll(node.args, frame));
    frame.runtime.classOf.set(instance, node.classRef);
    return instance;
  },
  invoke: async (node, frame) => {
    const target = await evaluate(node.target, frame);
    const args = await evaluateAll(node.args, frame);
    return invokeMethod(target, node.method, node.typeName, args);
  },
  system: async (node, frame) =>
    node.method.call(await evaluateAll(node.args, frame), frame.runtime),
};

/**
 * The exception as Apex reports it, with this statement's frame after any frames the callee
 * set (innermost first, as Salesforce prints them). An exception passing through enclosing
 * statements (a block) keeps the innermost statement's frame only.
 */
function withFrame(error: unknown, pos: Position, frame: Frame): ApexException {
  const exception = toApexException(error);
  if (frame.traced.has(exception)) return exception;
  frame.traced.add(exception);

  const line = `AnonymousBlock: line ${pos.line}, column ${pos.column}`;
  exception.apexStackTrace = exception.apexStackTrace
    ? `${exception.apexStackTrace}\n${line}`
    : line;
  return exception;
}
