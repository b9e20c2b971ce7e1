/**
 * Expressions: literals, locals, operators, `new`, inline SOQL, field access, indexing and
 * method calls. Each compiles to an IR node plus its static type; the other files named
 * `compile-*.ts` handle one family each. Anything else is an unsupported construct.
 */

import {
  Arth1ExpressionContext,
  Arth2ExpressionContext,
  ArrayExpressionContext,
  AssignExpressionContext,
  CmpExpressionContext,
  CondExpressionContext,
  DotExpressionContext,
  EqualityExpressionContext,
  IdPrimaryContext,
  LiteralPrimaryContext,
  LogAndExpressionContext,
  LogOrExpressionContext,
  NegExpressionContext,
  NewExpressionContext,
  PostOpExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  SoqlPrimaryContext,
  SubExpressionContext,
  type ExpressionContext,
  type PrimaryContext,
} from '@apexdevtools/apex-parser';
import { compileAssignment, compileIncrement } from './compile-assignments.ts';
import { compileDotExpression } from './compile-calls.ts';
import type { CompileContext } from './compile-context.ts';
import { compileCreator } from './compile-creators.ts';
import { compileIndex } from './compile-fields.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { compileSoql } from './compile-soql.ts';
import { constructName } from './constructs.ts';
import type { Expr } from './ir.ts';
import { literalValue } from './literals.ts';
import {
  arithmetic,
  comparison,
  equality,
  negate,
  not,
  type ArithmeticSymbol,
  type ComparisonSymbol,
  type OperatorChoice,
} from './operators.ts';
import { toIdValue } from './conversions.ts';
import {
  BOOLEAN,
  isAssignable,
  isNumeric,
  isPrimitive,
  typeName,
  type StaticType,
} from './static-types.ts';

/** A compiled expression and its compile-time type. */
export interface Typed {
  readonly node: Expr;
  readonly type: StaticType;
}

export function compileExpression(ctx: ExpressionContext, cx: CompileContext): Typed {
  if (ctx instanceof PrimaryExpressionContext) return compilePrimary(ctx.primary(), cx);
  if (ctx instanceof SubExpressionContext) return compileExpression(ctx.expression(), cx);
  if (ctx instanceof NewExpressionContext) return compileCreator(ctx.creator(), cx);
  if (ctx instanceof DotExpressionContext) return compileDotExpression(ctx, cx);
  if (ctx instanceof AssignExpressionContext) return compileAssignment(ctx, cx);
  if (ctx instanceof ArrayExpressionContext) return compileIndex(ctx, cx);
  if (ctx instanceof PreOpExpressionContext) return compilePrefix(ctx, cx);
  if (ctx instanceof PostOpExpressionContext) {
    return compileIncrement(ctx, ctx.expression(), ctx.INC() !== null, true, cx);
  }
  if (ctx instanceof NegExpressionContext) return compileNot(ctx, cx);
  if (ctx instanceof Arth1ExpressionContext || ctx instanceof Arth2ExpressionContext) {
    return compileArithmetic(ctx, cx);
  }
  if (ctx instanceof CmpExpressionContext) return compileComparison(ctx, cx);
  if (ctx instanceof EqualityExpressionContext) return compileEquality(ctx, cx);
  if (ctx instanceof LogAndExpressionContext || ctx instanceof LogOrExpressionContext) {
    return compileLogical(ctx, cx);
  }
  if (ctx instanceof CondExpressionContext) return compileConditional(ctx, cx);
  throw unsupported(ctx, constructName(ctx));
}

function compilePrimary(ctx: PrimaryContext, cx: CompileContext): Typed {
  if (ctx instanceof LiteralPrimaryContext) {
    const { value, type } = literalValue(ctx.literal());
    return { node: { kind: 'literal', value }, type };
  }
  if (ctx instanceof IdPrimaryContext) {
    const name = ctx.id().getText();
    const local = cx.scope.lookup(name);
    if (local === undefined) throw problemAt(ctx, `Variable does not exist: ${name}`);
    return { node: { kind: 'local', slot: local.slot }, type: local.type };
  }
  if (ctx instanceof SoqlPrimaryContext) return compileSoql(ctx.soqlLiteral(), cx);
  throw unsupported(ctx, constructName(ctx));
}

/** The two operands of a binary operator expression. */
function operands(
  ctx: { expression_list(): ExpressionContext[] },
  cx: CompileContext,
): [Typed, Typed] {
  const [left, right] = ctx.expression_list();
  if (left === undefined || right === undefined)
    throw new Error('a binary operator without operands');
  return [compileExpression(left, cx), compileExpression(right, cx)];
}

function binaryNode(
  ctx: ExpressionContext,
  choice: OperatorChoice,
  left: Typed,
  right: Typed,
): Typed {
  if ('problem' in choice) throw problemAt(ctx, choice.problem);
  return {
    node: { kind: 'binary', op: choice.op, left: left.node, right: right.node },
    type: choice.type,
  };
}

function compileArithmetic(
  ctx: Arth1ExpressionContext | Arth2ExpressionContext,
  cx: CompileContext,
): Typed {
  const [left, right] = operands(ctx, cx);
  const symbol: ArithmeticSymbol =
    ctx instanceof Arth1ExpressionContext
      ? ctx.MUL() !== null
        ? '*'
        : '/'
      : ctx.ADD() !== null
        ? '+'
        : '-';
  return binaryNode(ctx, arithmetic(symbol, left.type, right.type), left, right);
}

function compileComparison(ctx: CmpExpressionContext, cx: CompileContext): Typed {
  const [left, right] = operands(ctx, cx);
  const symbol = `${ctx.LT() !== null ? '<' : '>'}${ctx.ASSIGN() !== null ? '=' : ''}`;
  return binaryNode(
    ctx,
    comparison(symbol as ComparisonSymbol, left.type, right.type),
    left,
    right,
  );
}

function compileEquality(ctx: EqualityExpressionContext, cx: CompileContext): Typed {
  if (ctx.TRIPLEEQUAL() !== null || ctx.TRIPLENOTEQUAL() !== null) {
    throw unsupported(ctx, constructName(ctx));
  }
  const [left, right] = operands(ctx, cx);
  const negated = ctx.EQUAL() === null;
  return binaryNode(ctx, equality(negated, left.type, right.type), left, right);
}

function compileLogical(
  ctx: LogAndExpressionContext | LogOrExpressionContext,
  cx: CompileContext,
): Typed {
  const [left, right] = operands(ctx, cx);
  const isAnd = ctx instanceof LogAndExpressionContext;
  for (const operand of [left, right]) {
    if (!isBooleanish(operand.type)) {
      throw problemAt(
        ctx,
        `${isAnd ? 'AND' : 'OR'} operator can only be applied to Boolean expressions`,
      );
    }
  }
  const node: Expr = {
    kind: 'logical',
    op: isAnd ? 'and' : 'or',
    left: left.node,
    right: right.node,
  };
  return { node, type: BOOLEAN };
}

function compileNot(ctx: NegExpressionContext, cx: CompileContext): Typed {
  if (ctx.BANG() === null) throw unsupported(ctx, constructName(ctx));
  const operand = compileExpression(ctx.expression(), cx);
  if (!isBooleanish(operand.type)) {
    throw problemAt(ctx, 'Negation operator can only be applied to Boolean expressions');
  }
  return { node: { kind: 'unary', op: not, operand: operand.node }, type: BOOLEAN };
}

/** `-x`, `+x`, `++x`, `--x`; a sign before a number literal folds into the literal. */
function compilePrefix(ctx: PreOpExpressionContext, cx: CompileContext): Typed {
  if (ctx.INC() !== null || ctx.DEC() !== null) {
    return compileIncrement(ctx, ctx.expression(), ctx.INC() !== null, false, cx);
  }
  const operand = ctx.expression();
  if (operand instanceof PrimaryExpressionContext) {
    const primary = operand.primary();
    if (primary instanceof LiteralPrimaryContext) {
      const { value, type } = literalValue(primary.literal(), ctx.SUB() !== null);
      if (typeof value === 'number') return { node: { kind: 'literal', value }, type };
    }
  }

  const value = compileExpression(operand, cx);
  if (!isNumeric(value.type))
    throw problemAt(ctx, 'Arithmetic expressions must use numeric arguments');
  if (ctx.ADD() !== null) return value;
  return { node: { kind: 'unary', op: negate(value.type), operand: value.node }, type: value.type };
}

/** `test ? a : b`: the branches must be of compatible types; the result has the wider one. */
function compileConditional(ctx: CondExpressionContext, cx: CompileContext): Typed {
  const [testCtx, thenCtx, elseCtx] = ctx.expression_list();
  if (testCtx === undefined || thenCtx === undefined || elseCtx === undefined) {
    throw new Error('a conditional without its three operands');
  }
  const test = requireCondition(compileExpression(testCtx, cx), testCtx);
  const then = compileExpression(thenCtx, cx);
  const otherwise = compileExpression(elseCtx, cx);

  const type = widerOf(then.type, otherwise.type);
  if (type === undefined) {
    const message = `Incompatible types in ternary operator: ${typeName(then.type)}, ${typeName(otherwise.type)}`;
    throw problemAt(ctx, message);
  }
  const node: Expr = { kind: 'conditional', test, then: then.node, otherwise: otherwise.node };
  return { node, type };
}

function widerOf(a: StaticType, b: StaticType): StaticType | undefined {
  if (isAssignable(a, b)) return b.kind === 'null' ? a : b;
  if (isAssignable(b, a)) return a;
  return undefined;
}

function isBooleanish(type: StaticType): boolean {
  return isPrimitive(type, 'Boolean') || type.kind === 'null' || type.kind === 'unknown';
}

/** A condition (`if`, `while`, `?:`) must be a Boolean. */
export function requireCondition(value: Typed, at: ExpressionContext): Expr {
  if (!isBooleanish(value.type)) {
    throw problemAt(at, `Condition expressions must be of type Boolean: ${typeName(value.type)}`);
  }
  return value.node;
}

/** `Illegal assignment from String to Integer` when the platform would say so. */
export function requireAssignable(from: StaticType, to: StaticType, at: ExpressionContext): void {
  if (!isAssignable(from, to)) {
    throw problemAt(at, `Illegal assignment from ${typeName(from)} to ${typeName(to)}`);
  }
}

/**
 * A value stored into a place of type `to`: checked, and converted where Apex converts (a query
 * assigned to one record takes its only row; a String assigned to an Id is checked as an Id).
 */
export function coerce(value: Typed, to: StaticType, at: ExpressionContext): Expr {
  const { node } = value;
  const element = value.type.kind === 'list' ? value.type.element : undefined;
  const oneRow = node.kind === 'soql' && node.plan.mode === 'list' && to.kind === 'sobject';
  if (oneRow && element !== undefined && isAssignable(element, to)) {
    return { kind: 'soql', plan: { ...node.plan, mode: 'single' } };
  }

  requireAssignable(value.type, to, at);
  if (isPrimitive(to, 'Id') && isPrimitive(value.type, 'String')) {
    return { kind: 'unary', op: toIdValue, operand: node };
  }
  return node;
}
