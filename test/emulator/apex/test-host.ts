/**
 * A small real host for anonymous Apex tests: three TypeScript classes registered under Apex
 * names, a job queue that records what it is given, a debug log and a fixed clock. It has no
 * sObject types, so nothing that touches records compiles against it; tests of queries and DML
 * run on a real org (test/emulator/org/anonymous-*.test.ts).
 */

import { expect } from 'vitest';
import { ApexException } from '../../../emulator/errors.ts';
import { makeId } from '../../../emulator/ids.ts';
import {
  compileAnonymous,
  runAnonymous,
  type AnonymousApexHost,
  type AnonymousProgram,
  type ApexClassRef,
  type ApexRecord,
  type DmlRowResult,
  type LimitName,
  type QueryShape,
  type SObjectTypeRef,
} from '../../../emulator/apex/index.ts';

/** Shared by a host's classes and the host itself, so tests can check what happened in order. */
type EventLog = string[];

export class Greeter {
  readonly calls: (string | null)[] = [];

  constructor(private readonly events: EventLog) {}

  hello(name: string | null): string {
    this.calls.push(name);
    this.events.push(`hello:${String(name)}`);
    return `Hello, ${String(name)}`;
  }
}

export class Failing {
  explode(): void {
    throw new ApexException('System.CalloutException', 'Read timed out');
  }

  crash(): void {
    throw new TypeError('cannot read properties of undefined');
  }

  explodeDeep(): void {
    const error = new ApexException('System.DmlException', 'Insert failed');
    error.apexStackTrace = 'Class.Demo.Failing.explodeDeep: line 12, column 1';
    throw error;
  }
}

export class SlowJob {
  constructor(private readonly events: EventLog) {}

  async run(label: string): Promise<void> {
    this.events.push(`run:start:${label}`);
    await new Promise((resolve) => setImmediate(resolve));
    this.events.push(`run:end:${label}`);
  }
}

/** An ApexClassRef for a TypeScript class, its instance methods read off the prototype. */
function classRef(apexName: string, create: () => object, prototype: object): ApexClassRef {
  const methods = new Map<string, { arity: number }>();
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const value: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
    if (name !== 'constructor' && typeof value === 'function') {
      methods.set(name.toLowerCase(), { arity: value.length });
    }
  }
  return { apexName, methods, construct: create };
}

export class TestHost implements AnonymousApexHost {
  readonly events: EventLog = [];
  readonly debugLines: string[] = [];
  readonly created: object[] = [];
  readonly enqueued: object[] = [];
  readonly resolved: string[] = [];
  /** How many jobs one run may enqueue before `System.LimitException`. */
  queueableLimit = 50;

  private readonly classes: ApexClassRef[] = [
    classRef('Demo.Greeter', () => this.track(new Greeter(this.events)), Greeter.prototype),
    classRef('Demo.Failing', () => this.track(new Failing()), Failing.prototype),
    classRef('Demo.SlowJob', () => this.track(new SlowJob(this.events)), SlowJob.prototype),
  ];

  resolveClass(name: string): ApexClassRef | undefined {
    this.resolved.push(name);
    return this.classes.find((ref) => ref.apexName.toLowerCase() === name.toLowerCase());
  }

  resolveSObject(): SObjectTypeRef | undefined {
    return undefined;
  }

  describeQuery(soql: string): QueryShape {
    const from = /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '';
    return { ok: false, problem: `sObject type '${from}' is not supported.` };
  }

  query(): ApexRecord[] {
    throw new Error('the test host has no records');
  }

  count(): number {
    throw new Error('the test host has no records');
  }

  dml(): DmlRowResult[] {
    throw new Error('the test host has no records');
  }

  schedule(): string {
    throw new Error('the test host has no scheduler');
  }

  abortJob(): void {
    throw new Error('the test host has no scheduler');
  }

  /** Only the queueable count is kept; the test host makes no queries, DML or callouts. */
  limit(name: LimitName): number {
    return name === 'getQueueableJobs' ? this.enqueued.length : 0;
  }

  now(): Date {
    return new Date('2026-01-31T12:00:00.000Z');
  }

  enqueueJob(instance: object): string {
    if (this.enqueued.length >= this.queueableLimit) {
      const message = `Too many queueable jobs added to the queue: ${this.enqueued.length + 1}`;
      throw new ApexException('System.LimitException', message);
    }
    this.enqueued.push(instance);
    return makeId('707', this.enqueued.length);
  }

  debug(level: string, message: string): void {
    this.debugLines.push(message);
    this.events.push(`${level}:${message}`);
  }

  /** The instances of one class the script created, in order. */
  instancesOf<T extends object>(type: new (...args: never[]) => T): T[] {
    return this.created.filter((o): o is T => o instanceof type);
  }

  private track<T extends object>(instance: T): T {
    this.created.push(instance);
    return instance;
  }
}

/** Compiles a script that must compile. */
export function compiled(source: string, host: TestHost): AnonymousProgram {
  const result = compileAnonymous(source, host);
  if (!result.compiled) expect.fail(`${result.line}:${result.column} ${result.problem}`);
  return result.program;
}

/** Compiles and runs a script that must compile. */
export async function run(source: string, host = new TestHost()): Promise<TestHost> {
  await runAnonymous(compiled(source, host), host);
  return host;
}

/** The exception a script that compiles throws when it runs. */
export async function runFailure(source: string, host = new TestHost()): Promise<ApexException> {
  const error: unknown = await run(source, host).then(
    () => expect.fail('the script ran without an exception'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApexException);
  return error as ApexException;
}

/** The compile problem of a script that must not compile, as `line:column message`. */
export function problemOf(source: string, host = new TestHost()): string {
  const result = compileAnonymous(source, host);
  if (result.compiled) expect.fail('the script compiled');
  return `${result.line}:${result.column} ${result.problem}`;
}

export const UNSUPPORTED = 'aflo-emu cannot run this construct yet:';
