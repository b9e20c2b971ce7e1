/**
 * Rebuilds the boolean structure of a WHERE clause.
 *
 * soql-parser-js 6.3.1 returns WHERE as a right-leaning chain (`{left, operator, right}`) and keeps
 * parentheses only as `openParen`/`closeParen` counts on the conditions, so `A AND B OR C` and
 * `A AND (B OR C)` differ only in those counts. Here the chain is flattened back into a token
 * stream and read again with SOQL's rules: NOT binds to what follows it, and one parenthesis level
 * holds either ANDs or ORs; mixing them without parentheses is `MALFORMED_QUERY`
 * (`unexpected token: OR`), as on a real org, which the parser alone would accept.
 */
import type {
  ConditionWithValueQuery,
  NegationCondition,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';

import type { QueryText } from './query-text.ts';

/** A WHERE condition that compares a field (or a function) with a value. */
export type WhereCondition = Exclude<ConditionWithValueQuery, NegationCondition>;

export type BoolNode =
  | { kind: 'and' | 'or'; children: BoolNode[] }
  | { kind: 'not'; child: BoolNode }
  | { kind: 'condition'; condition: WhereCondition };

type Token =
  | { kind: '(' | ')' | 'not' }
  | { kind: 'and' | 'or'; ordinal: number }
  | { kind: 'condition'; condition: WhereCondition };

/** The boolean tree of a WHERE clause, or of a HAVING clause, which has the same shape. */
export function buildWhereTree(
  where: WhereClause,
  text: QueryText,
  clause: 'WHERE' | 'HAVING' = 'WHERE',
): BoolNode {
  const reader = new TokenReader(flatten(where), text, clause);
  const tree = reader.expression();
  reader.expectEnd();
  return tree;
}

function isCondition(value: ConditionWithValueQuery | null): value is WhereCondition {
  return value !== null && ('field' in value || 'fn' in value);
}

function flatten(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  let operators = 0;
  let node: WhereClause | undefined = where;

  while (node !== undefined) {
    const left: ConditionWithValueQuery | null = node.left;
    if ('operator' in node && node.operator === 'NOT' && !isCondition(left)) {
      // `NOT x`: the NOT node's left is null, or `{openParen}` for parentheses opened before it.
      repeat(tokens, { kind: '(' }, left?.openParen ?? 0);
      tokens.push({ kind: 'not' });
      node = node.right;
      continue;
    }
    if (!isCondition(left)) break;

    repeat(tokens, { kind: '(' }, left.openParen ?? 0);
    tokens.push({ kind: 'condition', condition: left });
    repeat(tokens, { kind: ')' }, left.closeParen ?? 0);
    if (!('operator' in node)) break;
    tokens.push({ kind: node.operator === 'OR' ? 'or' : 'and', ordinal: operators++ });
    node = node.right;
  }
  return tokens;
}

function repeat(tokens: Token[], token: Token, count: number): void {
  for (let i = 0; i < count; i++) tokens.push(token);
}

class TokenReader {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: QueryText,
    private readonly clause: 'WHERE' | 'HAVING',
  ) {}

  /** operand ((AND operand)* | (OR operand)*) */
  expression(): BoolNode {
    const children = [this.operand()];
    let kind: 'and' | 'or' | undefined;

    for (let next = this.peek(); next?.kind === 'and' || next?.kind === 'or'; next = this.peek()) {
      if (kind !== undefined && next.kind !== kind) {
        const offset = this.text.findLogicalOperator(next.ordinal, this.clause);
        throw this.text.error(
          'MALFORMED_QUERY',
          `unexpected token: ${next.kind.toUpperCase()}`,
          offset,
        );
      }
      kind = next.kind;
      this.position++;
      children.push(this.operand());
    }
    return kind === undefined || children.length === 1
      ? (children[0] as BoolNode)
      : { kind, children };
  }

  /** NOT operand | '(' expression ')' | condition */
  private operand(): BoolNode {
    const token = this.tokens[this.position++];
    if (token?.kind === 'not') return { kind: 'not', child: this.operand() };
    if (token?.kind === 'condition') return { kind: 'condition', condition: token.condition };
    if (token?.kind === '(') {
      const inner = this.expression();
      if (this.tokens[this.position++]?.kind !== ')') throw this.malformed();
      return inner;
    }
    throw this.malformed();
  }

  expectEnd(): void {
    if (this.position !== this.tokens.length) throw this.malformed();
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private malformed(): Error {
    return this.text.error(
      'MALFORMED_QUERY',
      `unexpected token in ${this.clause} clause`,
      this.text.clauseEnd(this.clause),
    );
  }
}
