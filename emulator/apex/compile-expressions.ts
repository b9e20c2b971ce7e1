/**
 * Expressions: literals, locals, assignment, `new`, and method calls (in compile-calls.ts). Each
 * compiles to an IR node plus its static type; anything else is an unsupported construct.
 */

import {
  AssignExpressionContext,
  DotExpressionContext,
  IdPrimaryContext,
  LiteralPrimaryContext,
  NewExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  SubExpressionContext,
  type CreatorContext,
  type ExpressionContext,
  type PrimaryContext,
} from '@apexdevtools/apex-parser';
import { compileDotExpression, qualifiedName } from './compile-calls.ts';
import type { CompileContext } from './compile-context.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { constructName } from './constructs.ts';
import type { Expr } from './ir.ts';
import { literalValue } from './literals.ts';
import { isAssignable, typeName, type StaticType } from './static-types.ts';
import { isPlatformName } from './platform-names.ts';

/** A compiled expression and its compile-time type. */
export interface Typed {
  readonly node: Expr;
  readonly type: StaticType;
}

export function compileExpression(ctx: ExpressionContext, cx: CompileContext): Typed {
  if (ctx instanceof PrimaryExpressionContext) return compilePrimary(ctx.primary(), cx);
  if (ctx instanceof SubExpressionContext) return compileExpression(ctx.expression(), cx);
  if (ctx instanceof NewExpressionContext) return compileNew(ctx.creator(), cx);
  if (ctx instanceof DotExpressionContext) return compileDotExpression(ctx, cx);
  if (ctx instanceof AssignExpressionContext) return compileAssignment(ctx, cx);
  if (ctx instanceof PreOpExpressionContext) return compileSignedLiteral(ctx);
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
  throw unsupported(ctx, constructName(ctx));
}

/** `-5`, `+1.5`: a sign folded into a numeric literal; other unary operators are unsupported. */
function compileSignedLiteral(ctx: PreOpExpressionContext): Typed {
  const operand = ctx.expression();
  const isSign = ctx.SUB() !== null || ctx.ADD() !== null;
  if (isSign && operand instanceof PrimaryExpressionContext) {
    const primary = operand.primary();
    if (primary instanceof LiteralPrimaryContext) {
      const { value, type } = literalValue(primary.literal(), ctx.SUB() !== null);
      if (typeof value === 'number') return { node: { kind: 'literal', value }, type };
    }
  }
  throw unsupported(ctx, constructName(ctx));
}

/** `new NS.Class()`: a class the host knows, built with its no-argument constructor. */
function compileNew(ctx: CreatorContext, cx: CompileContext): Typed {
  const created = ctx.createdName();
  const rest = ctx.classCreatorRest();
  const pairs = created.idCreatedNamePair_list();
  if (rest === null || pairs.some((pair) => pair.typeList() !== null)) {
    throw unsupported(ctx, `collection or array creation new ${ctx.getText()}`);
  }

  const name = pairs.map((pair) => pair.anyId().getText()).join('.');
  const ref = cx.classes.resolve(name);
  if (ref === undefined) {
    if (isPlatformName(name)) throw unsupported(ctx, `new ${name}()`);
    throw problemAt(created, `Invalid type: ${name}`);
  }

  const argList = rest.arguments().expressionList();
  if (argList !== null && argList.expression_list().length > 0) {
    throw unsupported(ctx, `constructor with arguments new ${ref.apexName}(…)`);
  }
  return { node: { kind: 'new', classRef: ref, args: [] }, type: { kind: 'class', ref } };
}

/** `x = value` for a local `x`; compound assignments (`+=`) are unsupported operators. */
function compileAssignment(ctx: AssignExpressionContext, cx: CompileContext): Typed {
  if (ctx.ASSIGN() === null) throw unsupported(ctx, constructName(ctx));
  const [left, right] = ctx.expression_list();
  if (left === undefined || right === undefined) throw unsupported(ctx, 'assignment');

  const names = qualifiedName(left);
  if (names === undefined || names.length > 1) {
    throw unsupported(left, `assignment to ${left.getText()}`);
  }
  const name = names[0] ?? '';
  const local = cx.scope.lookup(name);
  if (local === undefined) throw problemAt(left, `Variable does not exist: ${name}`);

  const value = compileExpression(right, cx);
  requireAssignable(value.type, local.type, right);
  return { node: { kind: 'assign', slot: local.slot, value: value.node }, type: local.type };
}

/** `Illegal assignment from String to Integer` when the platform would say so. */
export function requireAssignable(from: StaticType, to: StaticType, at: ExpressionContext): void {
  if (!isAssignable(from, to)) {
    throw problemAt(at, `Illegal assignment from ${typeName(from)} to ${typeName(to)}`);
  }
}
