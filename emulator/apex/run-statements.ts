/**
 * Runs statements. Each statement completes normally or with `break`, `continue` or `return`,
 * which the enclosing loop (or the script) acts on; an exception stops the run with the position
 * of the innermost statement that raised it added to its Apex stack trace, unless a `catch`
 * clause takes it.
 *
 * A run has a budget of statements and loop iterations in place of the platform's CPU time
 * limit, so a script that never ends fails with `System.LimitException: Apex CPU time limit
 * exceeded` instead of holding the org (see docs/fidelity.md).
 */

import { ApexException, toApexException } from '../errors.ts';
import { catches, nullPointer } from './exceptions.ts';
import type { ApexValue } from './host.ts';
import type { AnonymousProgram, Expr, Position, Runtime, Stmt } from './ir.ts';
import { requireBoolean } from './values.ts';

/** Statements and loop iterations one run may execute. */
export const STEP_BUDGET = 1_000_000;

/** One run's state: the runtime, the locals' slots, the exceptions already given a frame. */
export interface Frame {
  readonly runtime: Runtime;
  readonly locals: ApexValue[];
  readonly traced: WeakSet<ApexException>;
  readonly evaluate: (node: Expr, frame: Frame) => Promise<ApexValue>;
  steps: number;
}

type Completion = 'normal' | 'break' | 'continue' | 'return';

type Runners = {
  readonly [K in Stmt['kind']]: (
    node: Extract<Stmt, { kind: K }>,
    frame: Frame,
  ) => Promise<Completion>;
};

export async function runProgram(
  program: AnonymousProgram,
  runtime: Runtime,
  evaluate: Frame['evaluate'],
): Promise<void> {
  const frame: Frame = {
    runtime,
    locals: new Array<ApexValue>(program.slotCount).fill(null),
    traced: new WeakSet(),
    evaluate,
    steps: 0,
  };
  await runStatements(program.body, frame);
}

async function runStatements(statements: readonly Stmt[], frame: Frame): Promise<Completion> {
  for (const statement of statements) {
    const completion = await runStatement(statement, frame);
    if (completion !== 'normal') return completion;
  }
  return 'normal';
}

async function runStatement(statement: Stmt, frame: Frame): Promise<Completion> {
  const run = RUNNERS[statement.kind] as (node: Stmt, frame: Frame) => Promise<Completion>;
  try {
    step(frame);
    return await run(statement, frame);
  } catch (error) {
    throw withFrame(error, statement.pos, frame);
  }
}

function step(frame: Frame): void {
  frame.steps++;
  if (frame.steps > STEP_BUDGET) {
    throw new ApexException('System.LimitException', 'Apex CPU time limit exceeded');
  }
}

const test = async (node: Expr, frame: Frame): Promise<boolean> =>
  requireBoolean(await frame.evaluate(node, frame));

/** A loop body's completion: true when the loop must stop, with what it passes outward. */
function stops(completion: Completion): Completion | undefined {
  if (completion === 'break') return 'normal';
  if (completion === 'return') return 'return';
  return undefined;
}

const RUNNERS: Runners = {
  declare: async (node, frame) => {
    frame.locals[node.slot] = node.init === null ? null : await frame.evaluate(node.init, frame);
    return 'normal';
  },
  expression: async (node, frame) => {
    await frame.evaluate(node.expr, frame);
    return 'normal';
  },
  block: (node, frame) => runStatements(node.body, frame),
  if: async (node, frame) => {
    if (await test(node.test, frame)) return runStatement(node.then, frame);
    return node.otherwise === null ? 'normal' : runStatement(node.otherwise, frame);
  },
  while: async (node, frame) => {
    if (node.testFirst && !(await test(node.test, frame))) return 'normal';
    for (;;) {
      const stop = stops(await runStatement(node.body, frame));
      if (stop !== undefined) return stop;
      if (!(await test(node.test, frame))) return 'normal';
      step(frame);
    }
  },
  for: async (node, frame) => {
    const init = await runStatements(node.init, frame);
    if (init !== 'normal') return init;
    for (;;) {
      if (node.test !== null && !(await test(node.test, frame))) return 'normal';
      const stop = stops(await runStatement(node.body, frame));
      if (stop !== undefined) return stop;
      for (const update of node.update) await frame.evaluate(update, frame);
      step(frame);
    }
  },
  forEach: async (node, frame) => {
    const iterable = await frame.evaluate(node.iterable, frame);
    if (iterable === null) throw nullPointer();
    // The loop walks a snapshot: the platform refuses changes to a collection being iterated.
    const items = [...(iterable as Iterable<ApexValue>)];
    const passes = node.chunk > 0 ? chunks(items, node.chunk) : items;
    for (const item of passes) {
      frame.locals[node.slot] = item;
      const stop = stops(await runStatement(node.body, frame));
      if (stop !== undefined) return stop;
      step(frame);
    }
    return 'normal';
  },
  break: async () => 'break',
  continue: async () => 'continue',
  return: async () => 'return',
  try: runTry,
};

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

/** `try { } catch (X e) { } finally { }`: a `finally` that leaves early wins over what it follows. */
async function runTry(node: Extract<Stmt, { kind: 'try' }>, frame: Frame): Promise<Completion> {
  let completion: Completion = 'normal';
  let failure: { error: unknown } | undefined;
  try {
    completion = await runStatement(node.body, frame);
  } catch (error) {
    const clause = node.catches.find((candidate) => catches(candidate.type, error));
    if (clause === undefined) {
      failure = { error };
    } else {
      frame.locals[clause.slot] = error as ApexException;
      try {
        completion = await runStatement(clause.body, frame);
      } catch (thrown) {
        failure = { error: thrown };
      }
    }
  }

  if (node.finally !== null) {
    const finalCompletion = await runStatement(node.finally, frame);
    if (finalCompletion !== 'normal') return finalCompletion;
  }
  if (failure !== undefined) throw failure.error;
  return completion;
}

/**
 * The exception as Apex reports it, with this statement's frame after any frames the callee
 * set (innermost first, as Salesforce prints them). An exception passing through enclosing
 * statements (a block, a loop) keeps the innermost statement's frame only.
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
