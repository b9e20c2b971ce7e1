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
    if (isStackOverflow(error)) return { compiled: false, line: 1, column: 1, problem: TOO_DEEP };
    if (!(error instanceof CompileProblem)) throw error;
    return { compiled: false, line: error.line, column: error.column, problem: error.message };
  }
}

/**
 * The tree walks recurse once per operand of a chain such as `1 + 1 + … + 1` and once per
 * nested statement (`if (x) if (x) …`), which the bracket guard (nesting.ts) does not count:
 * a few thousand overflow the stack, somewhere the compiler cannot point at.
 */
const TOO_DEEP =
  'aflo-emu cannot compile a script whose expressions or statements nest this deep: split it up (see docs/fidelity.md)';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
