/**
 * Runs anonymous Apex in an org, the way executeAnonymous does: compile first (nothing runs if
 * that fails), then run the whole script as one transaction. The result has the fields of the
 * executeAnonymous result plus the debug log.
 */
import { compileAnonymous, runAnonymous } from './apex/index.ts';
import { anonymousHost } from './anonymous-host.ts';
import { toApexException } from './errors.ts';
import { StoreError } from './storage/store.ts';
import type { Org } from './org.ts';

export interface AnonymousResult {
  compiled: boolean;
  compileProblem: string | null;
  /** 1-based position of the compile problem, -1 when there is none. */
  line: number;
  column: number;
  success: boolean;
  /** `System.LimitException: …` when the script threw. */
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
  /** Apex exception type of the failure, e.g. `System.CalloutException`. */
  exceptionType: string | null;
  /** `USER_DEBUG|[LEVEL]|message` lines, in order; kept when the script fails. */
  debugLog: string[];
}

export async function executeAnonymous(org: Org, source: string): Promise<AnonymousResult> {
  const host = anonymousHost(org);
  const compiled = compileAnonymous(source, host);
  const base = { line: -1, column: -1, compiled: true, compileProblem: null, exceptionType: null };
  if (!compiled.compiled) {
    return {
      ...base,
      compiled: false,
      line: compiled.line,
      column: compiled.column,
      compileProblem: compiled.problem,
      success: false,
      exceptionMessage: null,
      exceptionStackTrace: null,
      debugLog: [],
    };
  }

  let debugLog: string[] = [];
  try {
    await org.run({ kind: 'anonymous', allowsCallouts: true }, async (tx) => {
      debugLog = tx.debugLog;
      await runAnonymous(compiled.program, host);
    });
    return { ...base, success: true, exceptionMessage: null, exceptionStackTrace: null, debugLog };
  } catch (thrown) {
    // The store failing is not the script's fault: it is reported as such, not as an Apex exception.
    const storeError =
      thrown instanceof StoreError ? thrown : (thrown as { cause?: unknown }).cause;
    if (storeError instanceof StoreError) throw storeError;
    const exception = toApexException(thrown);
    return {
      ...base,
      success: false,
      exceptionType: exception.type,
      exceptionMessage: exception.describe(),
      exceptionStackTrace: exception.apexStackTrace || null,
      debugLog,
    };
  }
}
