/**
 * Parsing: SOQL text → the parser's AST plus the rebuilt WHERE tree, cached by text.
 *
 * Parsing is the costly step of a query (chevrotain), and a running org issues the same few SOQL
 * strings over and over with different bind values, so the schema-independent result is cached
 * in an LRU keyed on the exact text; validation against metadata happens on every compile.
 * Parser exceptions become `MALFORMED_QUERY` with Salesforce's `ERROR at Row:R:Column:C` shape.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';

import { LruCache } from './lru-cache.ts';
import { QueryText } from './query-text.ts';
import { buildWhereTree, type BoolNode } from './where-tree.ts';

export interface ParsedSoql {
  query: Query;
  /** The WHERE clause with its precedence rebuilt; undefined without WHERE. */
  where: BoolNode | undefined;
  /** Apex `ALL ROWS`: deleted records are included. */
  allRows: boolean;
  text: QueryText;
}

// ignoreParseErrors must be given: when it differs from the shared parser's setting (undefined !== false),
// soql-parser-js builds a new chevrotain parser, which costs tens of milliseconds per query.
const PARSE_OPTIONS = { allowApexBindVariables: true, ignoreParseErrors: false };
/** Apex's `ALL ROWS` suffix, which soql-parser-js does not know; a string literal cannot end so. */
const ALL_ROWS = /\s+all\s+rows\s*$/i;
const parsedByText = new LruCache<string, ParsedSoql>(256);

export function parseSoql(soql: string): ParsedSoql {
  const cached = parsedByText.get(soql);
  if (cached !== undefined) return cached;

  const text = new QueryText(soql);
  const allRows = ALL_ROWS.test(soql);
  const body = allRows ? soql.replace(ALL_ROWS, '') : soql;
  let query: Query;
  try {
    query = parseQuery(body, PARSE_OPTIONS);
  } catch (error) {
    throw malformed(error, body, text);
  }

  const where = query.where === undefined ? undefined : buildWhereTree(query.where, text);
  const parsed = { query, where, allRows, text };
  parsedByText.set(soql, parsed);
  return parsed;
}

function malformed(error: unknown, body: string, text: QueryText): Error {
  if (!(error instanceof Error)) return text.error('MALFORMED_QUERY', String(error));
  const lexing = /at offset: (\d+)/.exec(error.message);
  if (error.name === 'LexingError' && lexing !== null) {
    const offset = Number(lexing[1]);
    return text.error('MALFORMED_QUERY', `unexpected token: ${body[offset] ?? '<EOF>'}`, offset);
  }

  const image = foundImage(error);
  if (image === undefined) return text.error('MALFORMED_QUERY', error.message);
  if (image === '')
    return text.error('MALFORMED_QUERY', 'unexpected token: <EOF>', body.trimEnd().length);
  return text.error('MALFORMED_QUERY', `unexpected token: ${image}`, tokenOffset(body, image));
}

/** The text of the token a chevrotain recognition exception stopped at ('' at end of input). */
function foundImage(error: Error): string | undefined {
  const arrow = /but found --> '([\s\S]*)' <--$/.exec(error.message);
  if (arrow !== null) return arrow[1];
  const colon = /but found: ([\s\S]*)$/.exec(error.message);
  if (colon === null) return undefined;
  const image = colon[1] ?? '';
  if (error.name === 'NotAllInputParsedException') return image;
  return image.length >= 2 && image.startsWith("'") && image.endsWith("'")
    ? image.slice(1, -1)
    : image;
}

/**
 * Where the failing token is: the parser's exceptions carry only its text, so each occurrence is
 * tried in turn, and the first whose prefix of the query fails on that same token is the one.
 * This runs on the error path only.
 */
function tokenOffset(body: string, image: string): number | undefined {
  let first: number | undefined;
  for (let at = body.indexOf(image), tries = 0; at !== -1 && tries < 50; tries++) {
    first ??= at;
    try {
      parseQuery(body.slice(0, at + image.length), PARSE_OPTIONS);
    } catch (error) {
      if (error instanceof Error && foundImage(error) === image) return at;
    }
    at = body.indexOf(image, at + 1);
  }
  return first;
}
