/**
 * Parses anonymous Apex with the apex-parser grammar's `anonymousUnit` rule: block members
 * (statements, plus the declarations Apex allows at the top of a script) without a class around
 * them. One listener hears both lexer and parser errors.
 *
 * Cost, measured on Node 20: the first parse in a process takes ~120 ms (antlr deserialises its
 * ATN); after that `(new AFLO.DownloadScheduler()).execute(null);` parses in ~0.3 ms, and a
 * script of a shape not seen before in 5–25 ms while antlr's prediction cache fills (SLL first,
 * below; full LL prediction alone made a 6-line script take 600 ms).
 */

import {
  ApexErrorListener,
  ApexParserFactory,
  type AnonymousUnitContext,
  type ApexToken,
} from '@apexdevtools/apex-parser';
import { CompileProblem } from './compile-problem.ts';
import { describeSyntaxError, pickSyntaxError, type RawSyntaxError } from './syntax-errors.ts';

class CollectingErrorListener extends ApexErrorListener {
  readonly errors: RawSyntaxError[] = [];

  override syntaxError(
    _recognizer: unknown,
    offendingSymbol: ApexToken | number | null,
    line: number,
    column: number,
    message: string,
  ): void {
    const offendingText =
      typeof offendingSymbol === 'object' && offendingSymbol !== null
        ? offendingSymbol.text
        : undefined;
    this.errors.push({ line, column, message, offendingText });
  }

  override apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message, offendingText: undefined });
  }
}

/**
 * antlr's `PredictionMode.SLL` (apex-parser doesn't re-export antlr4, which isn't hoisted). SLL
 * skips full-context prediction: when it reports no error its tree is the one LL would build;
 * when it does report one, the error may be spurious, so the script is parsed again in LL mode.
 */
const SLL_PREDICTION = 0;

/** The parse tree of a script; throws a CompileProblem on the first syntax error. */
export function parseAnonymous(source: string): AnonymousUnitContext {
  const fast = parseOnce(source, 'SLL');
  if (fast.errors.length === 0) return fast.unit;

  const { errors } = parseOnce(source, 'LL');
  const error = pickSyntaxError(errors.length > 0 ? errors : fast.errors);
  if (error === undefined) return fast.unit;
  throw new CompileProblem(error.line, error.column + 1, describeSyntaxError(error));
}

function parseOnce(
  source: string,
  mode: 'SLL' | 'LL',
): { unit: AnonymousUnitContext; errors: RawSyntaxError[] } {
  const listener = new CollectingErrorListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  if (mode === 'SLL') parser._interp.predictionMode = SLL_PREDICTION;
  return { unit: parser.anonymousUnit(), errors: listener.errors };
}
