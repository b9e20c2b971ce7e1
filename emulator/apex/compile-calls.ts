/**
 * Dotted expressions: `System.debug(x)` (a system method), `v.method(args)` and
 * `new NS.Class().method(args)` (instance methods the host class declares). A dotted name is a
 * local first, then a type, as in Apex. Field access and static members of host classes are
 * unsupported for now.
 */

import {
  DotExpressionContext,
  IdPrimaryContext,
  PrimaryExpressionContext,
  type DotMethodCallContext,
  type ExpressionContext,
} from '@apexdevtools/apex-parser';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, type Typed } from './compile-expressions.ts';
import { noSuchMethod, problemAt, unsupported } from './compile-problem.ts';
import { typeName, UNKNOWN_TYPE } from './static-types.ts';
import { isKnownSystemMethod, isPlatformName } from './platform-names.ts';
import { SYSTEM_METHODS } from './system-methods.ts';

export function compileDotExpression(ctx: DotExpressionContext, cx: CompileContext): Typed {
  if (ctx.QUESTIONDOT() !== null) throw unsupported(ctx, "safe navigation operator '?.'");
  const call = ctx.dotMethodCall();
  if (call === null) throw fieldAccessProblem(ctx, cx);

  const names = qualifiedName(ctx.expression());
  if (names !== undefined && cx.scope.lookup(names[0] ?? '') === undefined) {
    return compileStaticCall(ctx, names, call, cx);
  }
  return compileInstanceCall(ctx, compileExpression(ctx.expression(), cx), call, cx);
}

/** `['AFLO', 'DownloadScheduler']` for an expression that is only dotted identifiers. */
export function qualifiedName(ctx: ExpressionContext): string[] | undefined {
  if (ctx instanceof PrimaryExpressionContext) {
    const primary = ctx.primary();
    return primary instanceof IdPrimaryContext ? [primary.id().getText()] : undefined;
  }
  if (ctx instanceof DotExpressionContext && ctx.dotMethodCall() === null && ctx.DOT() !== null) {
    const head = qualifiedName(ctx.expression());
    return head === undefined ? undefined : [...head, ctx.anyId().getText()];
  }
  return undefined;
}

function compileArguments(call: DotMethodCallContext, cx: CompileContext): Typed[] {
  const list = call.expressionList();
  return list === null ? [] : list.expression_list().map((arg) => compileExpression(arg, cx));
}

/** `Type.method(args)`: a system method, or a problem saying why the call can't run. */
function compileStaticCall(
  ctx: DotExpressionContext,
  names: readonly string[],
  call: DotMethodCallContext,
  cx: CompileContext,
): Typed {
  const qualified = names.join('.');
  const method = call.anyId().getText();

  if (qualified.toLowerCase() === 'system') {
    const args = compileArguments(call, cx);
    const systemMethod = SYSTEM_METHODS.get(`system.${method.toLowerCase()}`);
    const argTypes = args.map((arg) => arg.type);
    if (systemMethod !== undefined && systemMethod.accepts(argTypes)) {
      const node = { kind: 'system', method: systemMethod, args: args.map((a) => a.node) } as const;
      return { node, type: systemMethod.returns };
    }
    if (systemMethod === undefined && isKnownSystemMethod(method)) {
      throw unsupported(ctx, `System.${method}`);
    }
    throw noSuchMethod(ctx, method, argTypes.map(typeName), 'System');
  }

  const ref = cx.classes.resolve(qualified);
  if (ref !== undefined) throw unsupported(ctx, `static method call ${ref.apexName}.${method}`);
  if (isPlatformName(qualified)) throw unsupported(ctx, `${qualified}.${method}`);
  throw unknownName(ctx.expression(), names);
}

/** `target.method(args)` on an instance of a host class. */
function compileInstanceCall(
  ctx: DotExpressionContext,
  target: Typed,
  call: DotMethodCallContext,
  cx: CompileContext,
): Typed {
  const method = call.anyId().getText();
  const args = compileArguments(call, cx);
  const argTypeNames = args.map((arg) => typeName(arg.type));
  const type = target.type;

  if (type.kind === 'unknown') {
    throw unsupported(ctx, `method call on a method's result .${method}()`);
  }
  if (type.kind === 'primitive' && type.name !== 'Object') {
    throw unsupported(ctx, `${type.name} method ${method}()`);
  }
  if (type.kind !== 'class') throw noSuchMethod(ctx, method, argTypeNames, typeName(type));

  const declared = type.ref.methods.get(method.toLowerCase());
  const hasVoidArg = args.some((arg) => arg.type.kind === 'void');
  if (declared === undefined || declared.arity !== args.length || hasVoidArg) {
    throw noSuchMethod(ctx, method, argTypeNames, type.ref.apexName);
  }

  const node = {
    kind: 'invoke',
    target: target.node,
    typeName: type.ref.apexName,
    method: method.toLowerCase(),
    args: args.map((arg) => arg.node),
  } as const;
  return { node, type: UNKNOWN_TYPE };
}

/** `v.field`, `LoggingLevel.INFO`, `NS.Class.CONSTANT`: none is supported yet. */
function fieldAccessProblem(ctx: DotExpressionContext, cx: CompileContext) {
  const names = qualifiedName(ctx);
  if (names === undefined || cx.scope.lookup(names[0] ?? '') !== undefined) {
    return unsupported(ctx, `field access ${ctx.getText()}`);
  }
  const owner = names.slice(0, -1).join('.');
  if (cx.classes.resolve(owner) !== undefined) {
    return unsupported(ctx, `static field ${names.join('.')}`);
  }
  if (isPlatformName(owner)) return unsupported(ctx, names.join('.'));
  return unknownName(ctx.expression(), names.slice(0, -1));
}

/** `Variable does not exist: x` for a bare name, `Invalid type: A.B` for a dotted one. */
function unknownName(ctx: ExpressionContext, names: readonly string[]) {
  if (names.length === 1) return problemAt(ctx, `Variable does not exist: ${names[0]}`);
  return problemAt(ctx, `Invalid type: ${names.join('.')}`);
}
