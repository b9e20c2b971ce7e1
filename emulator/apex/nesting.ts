/**
 * A guard before parsing: the Apex grammar's parser takes time that grows much faster than the
 * depth of nested parentheses and braces (seconds at 2,000 levels, minutes at 5,000), and its
 * tree walks recurse once per level. Scripts nested deeper than any real one are refused up
 * front, at the bracket that goes too deep (see docs/fidelity.md).
 */
import { CompileProblem } from './compile-problem.ts';

export const MAX_NESTING = 200;

/** Throws a CompileProblem when brackets nest deeper than MAX_NESTING outside strings and comments. */
export function assertNesting(source: string): void {
  let depth = 0;
  let line = 1;
  let column = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    column++;
    if (c === '\n') {
      line++;
      column = 0;
    } else if (c === "'") {
      i = skipString(source, i);
    } else if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i) - 1;
      if (i < 0) return;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) return;
      for (let k = i; k < end; k++) if (source[k] === '\n') (line++, (column = 0));
      i = end + 1;
    } else if (c === '(' || c === '{' || c === '[') {
      depth++;
      if (depth > MAX_NESTING) {
        throw new CompileProblem(
          line,
          column,
          `aflo-emu cannot run code nested deeper than ${MAX_NESTING} levels (see docs/fidelity.md)`,
        );
      }
    } else if (c === ')' || c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
}

/** The index of the quote closing the string literal that opens at `start` (or the end). */
function skipString(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === "'" || source[i] === '\n') return i;
  }
  return source.length;
}
