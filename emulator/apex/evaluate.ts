/**
 * Runs a compiled program. Each IR expression kind has one evaluator in the table below;
 * statements run in run-statements.ts. Operands are evaluated left to right, each awaited before
 * the next starts, so an async host method finishes before the next expression.
 */

import type { AnonymousApexHost, ApexValue } from './host.ts';
import type { AnonymousProgram, Expr, Place, Runtime } from './ir.ts';
import { invokeMethod } from './invoke.ts';
import { readField, writeField } from './records.ts';
import { runProgram, type Frame } from './run-statements.ts';
import { runSoql } from './soql-runtime.ts';
import { nullPointer } from './exceptions.ts';
import { checkIndex, requireBoolean } from './values.ts';

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
  const runtime: Runtime = { host, classOf: new WeakMap(), queried: new WeakMap() };
  await runProgram(program, runtime, evaluate);
}

export function evaluate(node: Expr, frame: Frame): Promise<ApexValue> {
  const run = EXPRESSIONS[node.kind] as (node: Expr, frame: Frame) => Promise<ApexValue>;
  return run(node, frame);
}

async function evaluateAll(nodes: readonly Expr[], frame: Frame): Promise<ApexValue[]> {
  const values: ApexValue[] = [];
  for (const node of nodes) values.push(await evaluate(node, frame));
  return values;
}

/** A place evaluated once: what `x = v`, `x += v` and `x++` read and write. */
interface Reference {
  get(): ApexValue;
  set(value: ApexValue): void;
}

async function reference(place: Place, frame: Frame): Promise<Reference> {
  const { locals, runtime } = frame;
  switch (place.kind) {
    case 'local':
      return {
        get: () => locals[place.slot] ?? null,
        set: (value) => void (locals[place.slot] = value),
      };
    case 'field': {
      const record = await evaluate(place.target, frame);
      return {
        get: () => readField(record, place.field, place.sObjectType, runtime),
        set: (value) => writeField(record, place.field, value),
      };
    }
    case 'property': {
      const target = await evaluate(place.target, frame);
      if (target === null || typeof target !== 'object') throw nullPointer();
      const object = target as Record<string, unknown>;
      return {
        get: () => (object[place.property] ?? null) as ApexValue,
        set: (value) => void (object[place.property] = value),
      };
    }
    case 'index': {
      const list = await evaluate(place.target, frame);
      if (list === null) throw nullPointer();
      const items = list as ApexValue[];
      const i = checkIndex(items, await evaluate(place.index, frame));
      return { get: () => items[i] ?? null, set: (value) => void (items[i] = value) };
    }
  }
}

const EXPRESSIONS: Evaluators<Expr, ApexValue> = {
  literal: async (node) => node.value,
  local: async (node, frame) => frame.locals[node.slot] ?? null,
  assign: async (node, frame) => {
    const target = await reference(node.target, frame);
    const value = await evaluate(node.value, frame);
    target.set(value);
    return value;
  },
  update: async (node, frame) => {
    const target = await reference(node.target, frame);
    const old = target.get();
    const updated = node.op(old, await evaluate(node.value, frame), frame.runtime);
    target.set(updated);
    return node.yieldsOld ? old : updated;
  },
  field: async (node, frame) =>
    readField(await evaluate(node.target, frame), node.field, node.sObjectType, frame.runtime),
  index: async (node, frame) => (await reference(node, frame)).get(),
  property: async (node, frame) => (await reference(node, frame)).get(),
  binary: async (node, frame) => {
    const left = await evaluate(node.left, frame);
    return node.op(left, await evaluate(node.right, frame), frame.runtime);
  },
  logical: async (node, frame) => {
    const left = requireBoolean(await evaluate(node.left, frame));
    // Short-circuit: the right operand runs only when it decides the result.
    if (left === (node.op === 'or')) return left;
    return requireBoolean(await evaluate(node.right, frame));
  },
  unary: async (node, frame) => node.op(await evaluate(node.operand, frame)),
  conditional: async (node, frame) =>
    evaluate(requireBoolean(await evaluate(node.test, frame)) ? node.then : node.otherwise, frame),
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
  call: async (node, frame) => node.call(await evaluateAll(node.args, frame), frame.runtime),
  method: async (node, frame) => {
    const target = await evaluate(node.target, frame);
    if (target === null) throw nullPointer();
    return node.call(target, await evaluateAll(node.args, frame), frame.runtime);
  },
  soql: async (node, frame) =>
    runSoql(node.plan, await evaluateAll(node.plan.binds, frame), frame.runtime),
};
