/**
 * Turns antlr's syntax error messages into the wording a Salesforce org uses for the same
 * mistakes (`Unexpected token '('.`, `Missing ';' at 'x'`). Salesforce's compiler reports one
 * problem, so of everything antlr reports we keep the earliest.
 */

/** A syntax error as the lexer or parser reported it; `column` is antlr's, 0-based. */
export interface RawSyntaxError {
  line: number;
  column: number;
  message: string;
  /** The token the parser stopped at; absent for lexer errors. */
  offendingText: string | undefined;
}

/** The error to report: the earliest, preferring "missing X" when two share a position. */
export function pickSyntaxError(errors: readonly RawSyntaxError[]): RawSyntaxError | undefined {
  let best: RawSyntaxError | undefined;
  for (const error of errors) {
    if (best === undefined || isBefore(error, best)) best = error;
    else if (samePlace(error, best) && isMissing(error) && !isMissing(best)) best = error;
  }
  return best;
}

function isBefore(a: RawSyntaxError, b: RawSyntaxError): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function samePlace(a: RawSyntaxError, b: RawSyntaxError): boolean {
  return a.line === b.line && a.column === b.column;
}

function isMissing(error: RawSyntaxError): boolean {
  return error.message.startsWith('missing ');
}

/** The Salesforce-style message for an antlr error. */
export function describeSyntaxError(error: RawSyntaxError): string {
  const { message, offendingText } = error;

  const missing = /^missing (.+) at '(.*)'$/s.exec(message);
  if (missing) return `Missing ${missing[1]} at '${missing[2]}'`;

  const unexpected = /^(?:extraneous|mismatched) input '(.*?)' expecting/s.exec(message);
  if (unexpected) return `Unexpected token '${unexpected[1]}'.`;

  if (message.startsWith('no viable alternative') && offendingText !== undefined) {
    return `Unexpected token '${offendingText}'.`;
  }

  const unlexable = /^token recognition error at: '(.*)'$/s.exec(message);
  if (unlexable) return describeLexerError(unlexable[1] ?? '');

  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The lexer stops at text it can't make a token of: a bad string literal or a stray character. */
function describeLexerError(text: string): string {
  if (!text.startsWith("'")) return `Unexpected character '${text.charAt(0)}'.`;
  const badEscape = /\\[^btnfr"'\\u]/.exec(text);
  if (badEscape) return `Illegal character sequence '${badEscape[0]}' in string literal.`;
  return `Unterminated string literal: ${text.split('\n')[0]}`;
}
