/**
 * A compile problem: the first thing in a script that stops it from compiling, with the 1-based
 * position executeAnonymous reports. The compiler throws it from deep inside the tree walk and
 * `compileAnonymous` turns it into a `CompileResult`.
 */

import type { ApexParserRuleContext, ApexToken } from '@apexdevtools/apex-parser';
import type { Position } from './ir.ts';

export class CompileProblem extends Error {
  override readonly name = 'CompileProblem';

  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where a token starts; antlr columns are 0-based, Salesforce's are 1-based. */
export function tokenPosition(token: ApexToken): Position {
  return { line: token.line, column: token.column + 1 };
}

/** Where a parse-tree node starts. */
export function positionOf(ctx: ApexParserRuleContext): Position {
  return tokenPosition(ctx.start);
}

export function problemAt(ctx: ApexParserRuleContext, message: string): CompileProblem {
  const { line, column } = positionOf(ctx);
  return new CompileProblem(line, column, message);
}

/** A valid Apex construct the emulator doesn't run yet; named so the user knows what to change. */
export function unsupported(ctx: ApexParserRuleContext, construct: string): CompileProblem {
  return problemAt(
    ctx,
    `aflo-emu cannot run this construct yet: ${construct} (see docs/fidelity.md)`,
  );
}

/** `Method does not exist or incorrect signature: void foo(String) from the type NS.Class`. */
export function noSuchMethod(
  ctx: ApexParserRuleContext,
  method: string,
  argTypeNames: readonly string[],
  typeName: string,
): CompileProblem {
  const signature = `void ${method}(${argTypeNames.join(', ')})`;
  return problemAt(
    ctx,
    `Method does not exist or incorrect signature: ${signature} from the type ${typeName}`,
  );
}
