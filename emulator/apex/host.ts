/**
 * What anonymous Apex needs from the org that runs it. The compiler only resolves classes; the
 * evaluator also enqueues jobs and writes debug lines. Nothing here knows about storage, so any
 * host (the REST layer, the CLI, a test) can provide it.
 */

import type { AnonymousProgram } from './ir.ts';

/** A value as anonymous Apex holds it: primitives as JS primitives, class instances as objects. */
export type ApexValue = string | number | boolean | null | object;

/** A class the script may reference, as the host resolves it (names are case-insensitive in Apex). */
export interface ApexClassRef {
  /** Canonical name, namespace included, e.g. `AFLO.DownloadScheduler`. */
  apexName: string;
  /** Instance method names (canonical case) and their parameter counts; key = lower-case name. */
  methods: ReadonlyMap<string, { arity: number }>;
  /** A new instance; only no-argument constructors are called for now. */
  construct(args: ApexValue[]): object;
}

/** The org side of an anonymous Apex run. */
export interface AnonymousApexHost {
  /** The class with this name as written (`AFLO.DownloadScheduler`, `aflo.downloadscheduler`). */
  resolveClass(name: string): ApexClassRef | undefined;
  /** `System.enqueueJob`: queues the instance and answers the job Id; may throw ApexException. */
  enqueueJob(instance: object): string;
  /** `System.debug`: one debug log line. */
  debug(level: 'DEBUG', message: string): void;
}

/** The outcome of compiling a script: a program to run, or the first problem (1-based position). */
export type CompileResult =
  | { compiled: true; program: AnonymousProgram }
  | { compiled: false; line: number; column: number; problem: string };
