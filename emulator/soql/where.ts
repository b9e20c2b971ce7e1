/**
 * WHERE → SQL. Every value becomes a `?` parameter, pushed in the order the SQL text uses it.
 *
 * SOQL has two-valued logic where SQL has three: `Name != 'x'` and `NOT Name = 'x'` match records
 * whose Name is null. So `!=` is SQL's null-safe `IS NOT`, NOT IN and NOT count an unknown (NULL)
 * result as false before negating it, and `= null` / `!= null` are IS NULL / IS NOT NULL.
 * Columns are compared bare, on the left, so that their declared collation (NOCASE for text) and
 * their indexes apply.
 */
import type { LiteralType, Query, ValueQueryCondition } from '@jetstreamapp/soql-parser-js';

import type { FieldDefinition } from '../metadata/schema.ts';
import type { FieldValue, SqlValue } from '../storage/codec.ts';
import type { FieldResolver, ResolvedField } from './field-resolver.ts';
import {
  bindOperand,
  isStringType,
  literalOperand,
  soapType,
  typeMismatch,
  type LiteralContext,
  type Operand,
} from './literals.ts';
import type { QueryText } from './query-text.ts';
import { LIKE_ESCAPE, likePattern, likePatternFromLiteral } from './string-literal.ts';
import type { BoolNode, WhereCondition } from './where-tree.ts';

export type Binds = Readonly<Record<string, FieldValue | FieldValue[]>>;

export interface WhereContext {
  resolver: FieldResolver;
  text: QueryText;
  binds: Binds;
  now: Date;
  /** Parameters of the statement so far; compiling appends to it. */
  params: SqlValue[];
  /**
   * What a condition compares: by default its field, as WHERE reads it. HAVING passes its own,
   * which reads aggregate functions and grouped fields (see aggregate.ts).
   */
  target?: (condition: WhereCondition) => ResolvedField;
  /** Compiles `field IN (SELECT …)` and `NOT IN`; without it a semi-join is not supported here. */
  semiJoin?: SemiJoin;
}

/** A semi-join (`IN`) or anti-join (`NOT IN`) of `target` with a subquery, as SQL. */
export type SemiJoin = (
  query: Query,
  operator: 'IN' | 'NOT IN',
  target: ResolvedField,
  params: SqlValue[],
) => string;

/** A condition comparing a field (or, in HAVING, an aggregate) with literal or bind values. */
type ValueCondition = Exclude<WhereCondition, ValueQueryCondition>;
type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';
const COMPARISONS = new Set<string>(['=', '!=', '<', '<=', '>', '>=']);

export function compileWhere(node: BoolNode, context: WhereContext): string {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const joiner = node.kind === 'and' ? ' AND ' : ' OR ';
      return `(${node.children.map((child) => compileWhere(child, context)).join(joiner)})`;
    }
    case 'not':
      return `NOT IFNULL(${compileWhere(node.child, context)}, 0)`;
    case 'condition':
      return compileCondition(node.condition, context);
  }
}

function whereTarget(condition: WhereCondition, context: WhereContext): ResolvedField {
  const { text } = context;
  if ('fn' in condition) {
    throw text.unsupported(
      'A function in WHERE',
      text.find(condition.fn.functionName ?? '', 'WHERE'),
    );
  }
  return context.resolver.resolve(condition.field, 'WHERE');
}

function compileCondition(condition: WhereCondition, context: WhereContext): string {
  const { text } = context;
  const target =
    context.target === undefined ? whereTarget(condition, context) : context.target(condition);
  // The parser keeps the operator as typed: `like`, `<>`.
  const operator = condition.operator.toUpperCase().replace('<>', '!=');
  if ('valueQuery' in condition || condition.literalType === 'SUBQUERY') {
    const { semiJoin } = context;
    const joins = operator === 'IN' || operator === 'NOT IN';
    if (!joins || semiJoin === undefined || !('valueQuery' in condition)) {
      throw text.unsupported('A semi-join (IN (SELECT …)) here', target.locate());
    }
    return semiJoin(condition.valueQuery, operator, target, context.params);
  }
  if (target.field.type === 'longtext') {
    const message = `field '${target.field.name}' can not be filtered in a query call`;
    throw text.error('INVALID_FIELD', message, target.locate(), [target.field.name]);
  }

  const literal: LiteralContext = { now: context.now, text, locate: target.locate };
  if (operator === 'LIKE') return compileLike(condition, target, literal, context);
  if (operator === 'IN' || operator === 'NOT IN') {
    const operands = operandsOf(condition, target.field, literal, context, true);
    return compileIn(target, operands, operator, context);
  }
  if (!COMPARISONS.has(operator)) throw text.unsupported(operator, target.locate());

  const [operand] = operandsOf(condition, target.field, literal, context, false);
  if (operand === undefined) throw text.error('MALFORMED_QUERY', 'missing value', target.locate());
  return compileComparison(target, operator as Comparison, operand, context.params);
}

function compileComparison(
  target: ResolvedField,
  operator: Comparison,
  operand: Operand,
  params: SqlValue[],
): string {
  const column = target.sql;
  if (operand.kind === 'null') {
    if (operator === '=') return `${column} IS NULL`;
    return operator === '!=' ? `${column} IS NOT NULL` : '0';
  }
  if (operand.kind === 'range') return compileRange(column, operator, operand, params);

  if (target.field.type === 'checkbox' && (operator === '=' || operator === '!=')) {
    // An unset checkbox reads as false: compare with "is true" / "is not true".
    params.push(1);
    return (operand.value === 1) === (operator === '=') ? `${column} = ?` : `${column} IS NOT ?`;
  }
  params.push(operand.value);
  return `${column} ${operator === '!=' ? 'IS NOT' : operator} ?`;
}

/** A date literal covers `[start, end)`: `=` means inside it, `<` before it, `>` after it. */
function compileRange(
  column: string,
  operator: Comparison,
  range: { start: SqlValue; end: SqlValue },
  params: SqlValue[],
): string {
  switch (operator) {
    case '=':
      params.push(range.start, range.end);
      return `(${column} >= ? AND ${column} < ?)`;
    case '!=':
      params.push(range.start, range.end);
      return `(${column} IS NULL OR ${column} < ? OR ${column} >= ?)`;
    case '<':
    case '>=':
      params.push(range.start);
      return `${column} ${operator} ?`;
    case '<=':
      params.push(range.end);
      return `${column} < ?`;
    case '>':
      params.push(range.end);
      return `${column} >= ?`;
  }
}

function compileIn(
  target: ResolvedField,
  operands: Operand[],
  operator: 'IN' | 'NOT IN',
  context: WhereContext,
): string {
  const column = target.field.type === 'checkbox' ? `IFNULL(${target.sql}, 0)` : target.sql;
  const parts: string[] = [];
  const values = operands.flatMap((operand) => (operand.kind === 'value' ? [operand.value] : []));
  if (values.length > 0) {
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    for (const value of values) context.params.push(value);
  }
  if (operands.some((operand) => operand.kind === 'null')) parts.push(`${column} IS NULL`);
  for (const operand of operands) {
    if (operand.kind !== 'range') continue;
    parts.push(`(${column} >= ? AND ${column} < ?)`);
    context.params.push(operand.start, operand.end);
  }

  if (parts.length === 0) return operator === 'IN' ? '0' : '1';
  const any = parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
  return operator === 'IN' ? any : `NOT IFNULL(${any}, 0)`;
}

function compileLike(
  condition: ValueCondition,
  target: ResolvedField,
  literal: LiteralContext,
  context: WhereContext,
): string {
  const { field } = target;
  if (!isStringType(field.type)) {
    const message = `invalid operator on ${soapType(field.type)} field`;
    throw context.text.error('INVALID_QUERY_FILTER_OPERATOR', message, target.locate(), [
      field.name,
    ]);
  }
  const raw = condition.value;
  const literalType = literalTypeAt(condition.literalType, 0);
  let pattern: string | undefined;
  if (typeof raw === 'string' && literalType === 'STRING')
    pattern = likePatternFromLiteral(raw, literal);
  if (typeof raw === 'string' && literalType === 'APEX_BIND_VARIABLE') {
    const value = bindValue(raw, context);
    if (value === null) return '0';
    if (typeof value === 'string') pattern = likePattern(value);
  }
  if (literalType === 'NULL') return '0';
  if (pattern === undefined) throw typeMismatch(field, literal);

  context.params.push(pattern);
  return `${target.sql} LIKE ? ESCAPE '${LIKE_ESCAPE}'`;
}

function operandsOf(
  condition: ValueCondition,
  field: FieldDefinition,
  literal: LiteralContext,
  context: WhereContext,
  list: boolean,
): Operand[] {
  const raws = Array.isArray(condition.value) ? condition.value : [condition.value];
  return raws.flatMap((raw, i) => {
    const literalType = literalTypeAt(condition.literalType, i);
    if (literalType !== 'APEX_BIND_VARIABLE') {
      return [literalOperand(field, raw, literalType, literal)];
    }
    const value = bindValue(raw, context);
    if (!Array.isArray(value)) return [bindOperand(field, value, literal)];
    if (list) return value.map((item) => bindOperand(field, item, literal));
    const message = `Invalid bind expression type of List for column of type ${soapType(field.type)}`;
    throw context.text.error('INVALID_FIELD', message, literal.locate(), [field.name]);
  });
}

function literalTypeAt(
  literalType: LiteralType | LiteralType[] | undefined,
  index: number,
): LiteralType | undefined {
  return Array.isArray(literalType) ? literalType[index] : literalType;
}

/** The value of `:name`; Apex names are case-insensitive, so an exact match is tried first. */
function bindValue(name: string, context: WhereContext): FieldValue | FieldValue[] {
  const { binds } = context;
  if (Object.hasOwn(binds, name)) return binds[name] as FieldValue | FieldValue[];
  const lower = name.toLowerCase();
  const key = Object.keys(binds).find((candidate) => candidate.toLowerCase() === lower);
  if (key !== undefined) return binds[key] as FieldValue | FieldValue[];
  throw context.text.error(
    'MALFORMED_QUERY',
    `Variable does not exist: ${name}`,
    context.text.find(`:${name}`, 'WHERE'),
  );
}
