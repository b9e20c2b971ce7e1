/**
 * SOQL string literals and LIKE patterns.
 *
 * The parser keeps a string literal as written, quotes and backslash escapes included. SOQL's
 * escapes are `\n \r \t \b \f \" \' \\` (letters in either case), `\uXXXX`, and, meaningful in
 * LIKE only, `\%` and `\_` for a literal percent sign and underscore. Any other backslash is an
 * error. LIKE patterns become SQLite patterns with `\` as the ESCAPE character, so SQLite's own
 * specials (`%`, `_`, `\`) in the value are escaped and only SOQL's wildcards stay wild.
 */
import type { QueryText } from './query-text.ts';

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** The SQLite ESCAPE character every LIKE pattern made here uses. */
export const LIKE_ESCAPE = '\\';

interface Position {
  text: QueryText;
  locate: () => number | undefined;
}

/** The value of a quoted SOQL string literal. */
export function decodeStringLiteral(raw: string, at: Position): string {
  return decode(raw, at, false);
}

/** A quoted SOQL LIKE literal as a SQLite LIKE pattern (ESCAPE `\`). */
export function likePatternFromLiteral(raw: string, at: Position): string {
  return likePattern(decode(raw, at, true));
}

/**
 * A bind value used with LIKE as a SQLite pattern: `%` and `_` are wildcards and a backslash
 * makes the next character literal, as in a SOQL literal after Apex has read its own escapes.
 */
export function likePattern(value: string): string {
  let pattern = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === '\\' && i + 1 < value.length) {
      pattern += escapeLike(value[++i] ?? '');
    } else if (c === '%' || c === '_') {
      pattern += c;
    } else {
      pattern += escapeLike(c);
    }
  }
  return pattern;
}

function escapeLike(c: string): string {
  return c === '%' || c === '_' || c === '\\' ? `${LIKE_ESCAPE}${c}` : c;
}

/**
 * Reads the literal between its quotes. With `keepLikeEscapes`, `\%`, `\_` and `\\` stay as
 * written so that likePattern can tell an escaped wildcard from a wild one.
 */
function decode(raw: string, at: Position, keepLikeEscapes: boolean): string {
  const body = raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  let value = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = body[++i] ?? '';
    const lower = next.toLowerCase();
    if (next === '%' || next === '_' || (next === '\\' && keepLikeEscapes)) {
      value += keepLikeEscapes ? `\\${next}` : next;
    } else if (SIMPLE_ESCAPES[lower] !== undefined) {
      value += SIMPLE_ESCAPES[lower];
    } else if (lower === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      value += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      const text = `Invalid string literal '${body}'. Illegal character sequence '\\${next}' in string literal.`;
      throw at.text.error('MALFORMED_QUERY', text, at.locate());
    }
  }
  return value;
}
