/**
 * The SOQL text of one query, and the errors that point into it.
 *
 * Salesforce echoes the query in most SOQL errors, with a caret under the offending token:
 * `"\nselect id from accountx\n               ^\nERROR at Row:1:Column:16\nsObject type …"`.
 * The parser gives no positions for what it accepts, so positions of names and operators are
 * found again in the text (string literals masked out); they are best-effort, and an error whose
 * token cannot be found is reported without the caret block.
 */
import { SalesforceError, type ErrorCode } from '../errors.ts';

/** A clause whose keyword starts the search for a name. */
export type Clause = 'SELECT' | 'FROM' | 'WHERE' | 'GROUP BY' | 'HAVING' | 'ORDER BY' | 'OFFSET';

const CLAUSE_KEYWORDS: Record<Clause, RegExp> = {
  SELECT: /\bselect\b/,
  FROM: /\bfrom\b/,
  WHERE: /\bwhere\b/,
  'GROUP BY': /\bgroup\s+by\b/,
  HAVING: /\bhaving\b/,
  'ORDER BY': /\border\s+by\b/,
  OFFSET: /\boffset\b/,
};

/** Characters that continue a name: a match next to one of them is part of a longer token. */
const NAME_CHAR = /[\w.:]/;

export class QueryText {
  private lowerMasked: string | undefined;

  constructor(readonly soql: string) {}

  /**
   * The offset of the nth whole-token occurrence of `needle` (any case) after the clause keyword,
   * outside string literals; undefined when there is none.
   */
  find(needle: string, clause?: Clause, nth = 0): number | undefined {
    const text = this.masked();
    const target = needle.toLowerCase();
    const from = clause === undefined ? 0 : this.clauseEnd(clause);
    if (from === undefined || target.length === 0) return undefined;

    let seen = 0;
    for (let i = text.indexOf(target, from); i !== -1; i = text.indexOf(target, i + 1)) {
      const before = text[i - 1] ?? ' ';
      const after = text[i + target.length] ?? ' ';
      if (NAME_CHAR.test(before) || NAME_CHAR.test(after)) continue;
      if (seen++ === nth) return i;
    }
    return undefined;
  }

  /** The offset of the nth `AND`/`OR` of a WHERE or HAVING clause (0-based, in text order). */
  findLogicalOperator(nth: number, clause: 'WHERE' | 'HAVING' = 'WHERE'): number | undefined {
    const from = this.clauseEnd(clause);
    if (from === undefined) return undefined;
    const pattern = /\b(?:and|or)\b/g;
    pattern.lastIndex = from;
    let seen = 0;
    for (let match = pattern.exec(this.masked()); match; match = pattern.exec(this.masked())) {
      if (seen++ === nth) return match.index;
    }
    return undefined;
  }

  /** The offset just after a clause keyword, or undefined when the query has no such clause. */
  clauseEnd(clause: Clause): number | undefined {
    const match = CLAUSE_KEYWORDS[clause].exec(this.masked());
    return match === null ? undefined : match.index + match[0].length;
  }

  /** A SOQL error; with an offset its message carries the query, a caret and Row/Column. */
  error(code: ErrorCode, text: string, offset?: number, fields: string[] = []): SalesforceError {
    const message = offset === undefined ? text : positionedMessage(this.soql, offset, text);
    return new SalesforceError(code, message, fields);
  }

  /** MALFORMED_QUERY for a SOQL feature the emulator does not implement. */
  unsupported(feature: string, offset?: number): SalesforceError {
    const text = `${feature} is not supported by aflo-emu yet; see docs/fidelity.md`;
    return this.error('MALFORMED_QUERY', text, offset);
  }

  /** The query in lower case with the inside of every string literal blanked out. */
  private masked(): string {
    this.lowerMasked ??= maskStringLiterals(this.soql).toLowerCase();
    return this.lowerMasked;
  }
}

/** `"\n<query>\n<spaces>^\nERROR at Row:R:Column:C\n<text>"`, Row and Column 1-based. */
export function positionedMessage(soql: string, offset: number, text: string): string {
  const before = soql.slice(0, offset);
  const row = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const caret = `${' '.repeat(column - 1)}^`;
  return `\n${soql}\n${caret}\nERROR at Row:${row}:Column:${column}\n${text}`;
}

function maskStringLiterals(soql: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < soql.length; i++) {
    const c = soql[i] ?? '';
    if (!inString) {
      out += c;
      inString = c === "'";
    } else if (c === '\\') {
      out += i + 1 < soql.length ? '  ' : ' ';
      i++;
    } else if (c === "'") {
      out += c;
      inString = false;
    } else {
      out += c === '\n' ? '\n' : ' ';
    }
  }
  return out;
}
