/**
 * Anonymous Apex: what executeAnonymous and `aflo-emu apex "…"` run. `compileAnonymous` parses
 * a script and checks every construct, class, sObject, field, query, method and variable before
 * anything runs; `runAnonymous` executes the compiled program against a host. See
 * docs/fidelity.md for what runs.
 *
 * @example
 * const result = compileAnonymous('(new AFLO.DownloadScheduler()).execute(null);', host);
 * if (result.compiled) await runAnonymous(result.program, host);
 */

export { compileAnonymous } from './compile.ts';
export { runAnonymous } from './evaluate.ts';
export type {
  AnonymousApexHost,
  ApexClassRef,
  ApexRecord,
  ApexValue,
  CompileHost,
  CompileResult,
  DmlRequest,
  DmlRowResult,
  QueryBinds,
  QueryShape,
  SObjectFieldRef,
  SObjectTypeRef,
} from './host.ts';
export type { AnonymousProgram } from './ir.ts';
export { LIMIT_NAMES, type LimitName } from './limit-names.ts';
