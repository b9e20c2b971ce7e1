/**
 * Assignments: `x = v`, `record.Field__c = v`, `list[i] = v`, the compound `+= -= *= /=` and
 * `++`/`--` (prefix and postfix). The place is compiled once, so `list[i++] += 1` reads and
 * writes the same element.
 */

import {
  ArrayExpressionContext,
  DotExpressionContext,
  IdPrimaryContext,
  PrimaryExpressionContext,
  type AssignExpressionContext,
  type ExpressionContext,
} from '@apexdevtools/apex-parser';
import type { CompileContext } from './compile-context.ts';
import { coerce, compileExpression, requireAssignable, type Typed } from './compile-expressions.ts';
import { compileFieldAccess, compileIndex } from './compile-fields.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { constructName } from './constructs.ts';
import type { Place } from './ir.ts';
import { arithmetic, type ArithmeticSymbol } from './operators.ts';
import { INTEGER, isNumeric, type StaticType } from './static-types.ts';

interface TypedPlace {
  readonly place: Place;
  readonly type: StaticType;
}

export function compileAssignment(ctx: AssignExpressionContext, cx: CompileContext): Typed {
  const [left, right] = ctx.expression_list();
  if (left === undefined || right === undefined) throw unsupported(ctx, 'assignment');
  const target = compilePlace(left, cx);
  const value = compileExpression(right, cx);

  if (ctx.ASSIGN() !== null) {
    const node = {
      kind: 'assign',
      target: target.place,
      value: coerce(value, target.type, right),
    } as const;
    return { node, type: target.type };
  }

  const symbol = compoundSymbol(ctx);
  if (symbol === undefined) throw unsupported(ctx, constructName(ctx));
  const choice = arithmetic(symbol, target.type, value.type);
  if ('problem' in choice) throw problemAt(ctx, choice.problem);
  requireAssignable(choice.type, target.type, right);
  const node = {
    kind: 'update',
    target: target.place,
    op: choice.op,
    value: value.node,
    yieldsOld: false,
  } as const;
  return { node, type: target.type };
}

function compoundSymbol(ctx: AssignExpressionContext): ArithmeticSymbol | undefined {
  if (ctx.ADD_ASSIGN() !== null) return '+';
  if (ctx.SUB_ASSIGN() !== null) return '-';
  if (ctx.MUL_ASSIGN() !== null) return '*';
  if (ctx.DIV_ASSIGN() !== null) return '/';
  return undefined;
}

/** `x++`, `--x`: a numeric place, one added or taken away; postfix yields the old value. */
export function compileIncrement(
  ctx: ExpressionContext,
  operand: ExpressionContext,
  increment: boolean,
  postfix: boolean,
  cx: CompileContext,
): Typed {
  const target = compilePlace(operand, cx);
  if (!isNumeric(target.type)) {
    throw problemAt(ctx, 'Arithmetic expressions must use numeric arguments');
  }
  const choice = arithmetic(increment ? '+' : '-', target.type, INTEGER);
  if ('problem' in choice) throw problemAt(ctx, choice.problem);

  const node = {
    kind: 'update',
    target: target.place,
    op: choice.op,
    value: { kind: 'literal', value: 1 },
    yieldsOld: postfix,
  } as const;
  return { node, type: target.type };
}

/** What may be assigned to: a local, a record's field, a list element. */
function compilePlace(ctx: ExpressionContext, cx: CompileContext): TypedPlace {
  if (ctx instanceof PrimaryExpressionContext && ctx.primary() instanceof IdPrimaryContext) {
    const name = ctx.getText();
    const local = cx.scope.lookup(name);
    if (local === undefined) throw problemAt(ctx, `Variable does not exist: ${name}`);
    return { place: { kind: 'local', slot: local.slot }, type: local.type };
  }
  if (
    ctx instanceof DotExpressionContext &&
    ctx.dotMethodCall() === null &&
    ctx.QUESTIONDOT() === null
  ) {
    const target = compileExpression(ctx.expression(), cx);
    const field = compileFieldAccess(ctx, target, ctx.anyId().getText(), cx, true);
    if (field.node.kind === 'field' || field.node.kind === 'property') {
      return { place: field.node, type: field.type };
    }
  }
  if (ctx instanceof ArrayExpressionContext) {
    const element = compileIndex(ctx, cx);
    if (element.node.kind === 'index') return { place: element.node, type: element.type };
  }
  throw problemAt(ctx, 'Expression cannot be assigned');
}
