/**
 * Compiles an anonymous Apex script: parse (syntax problems), then walk the tree once, resolving
 * every local, class, method and construct up front, so that a script that compiles runs nothing
 * it can't finish for a reason the compiler could have seen.
 */

import { topLevel } from './compile-context.ts';
import { CompileProblem } from './compile-problem.ts';
import { compileBlockMember } from './compile-statements.ts';
import type { CompileHost, CompileResult } from './host.ts';
import { assertNesting } from './nesting.ts';
import { parseAnonymous } from './parse.ts';
import { Scope, SlotAllocator } from './scope.ts';

/**
 * Compiles `source` against the classes, sObject types and query checks of the host. A problem
 * comes back with the 1-based line and column executeAnonymous reports; nothing of the script
 * runs in that case.
 */
export function compileAnonymous(source: string, host: CompileHost): CompileResult {
  try {
    assertNesting(source);
    const unit = parseAnonymous(source);

    const slots = new SlotAllocator();
    const cx = topLevel(host, new Scope(slots), source);
    const members = unit.anonymousBlock().anonymousBlockMember_list();
    const body = members.flatMap((member) => compileBlockMember(member, cx));

    return { compiled: true, program: { body, slotCount: slots.count } };
  } catch (error) {
    if (!(error instanceof CompileProblem)) throw error;
    return { compiled: false, line: error.line, column: error.column, problem: error.message };
  }
}
