/**
 * Dotted expressions: static calls (`System.debug(x)`, `Database.insert(cs, false)`,
 * `String.valueOf(n)`), instance calls on platform values (`cs.add(c)`, `s.length()`) and on
 * instances of host classes (`new NS.Class().method(args)`), field access (`c.Name`), and the
 * static names a script may use (`LoggingLevel.INFO`, the field token `X__c.ExtId__c`). A dotted
 * name is a local first, then a type, as in Apex.
 *
 * A method that exists on the platform but not here is an unsupported construct; "Method does
 * not exist" is said only when the platform would say it (a wrong signature, or a System method
 * the platform doesn't have).
 */

import {
  DotExpressionContext,
  IdPrimaryContext,
  PrimaryExpressionContext,
  type DotMethodCallContext,
  type ExpressionContext,
} from '@apexdevtools/apex-parser';
import { asyncObjectMethods } from './async-objects.ts';
import { collectionMethods } from './collection-methods.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, type Typed } from './compile-expressions.ts';
import { compileFieldAccess } from './compile-fields.ts';
import { noSuchMethod, problemAt, unsupported } from './compile-problem.ts';
import type { InstanceMethod } from './method-types.ts';
import { objectMethods } from './object-methods.ts';
import { isKnownSystemMethod, isPlatformName } from './platform-names.ts';
import { primitiveMethods } from './primitive-methods.ts';
import { STATIC_METHODS } from './static-methods.ts';
import { platform, typeName, UNKNOWN_TYPE, type StaticType } from './static-types.ts';

export function compileDotExpression(ctx: DotExpressionContext, cx: CompileContext): Typed {
  if (ctx.QUESTIONDOT() !== null) throw unsupported(ctx, "safe navigation operator '?.'");
  const call = ctx.dotMethodCall();
  const names = qualifiedName(ctx.expression());
  const isTypeName = names !== undefined && cx.scope.lookup(names[0] ?? '') === undefined;

  if (call === null) {
    const field = ctx.anyId().getText();
    if (isTypeName) return compileStaticName(ctx, [...names, field], cx);
    return compileFieldAccess(ctx, compileExpression(ctx.expression(), cx), field, cx, false);
  }
  if (isTypeName) return compileStaticCall(ctx, names, call, cx);
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

/** `Type.method(args)`: a platform static method, or a problem saying why the call can't run. */
function compileStaticCall(
  ctx: DotExpressionContext,
  names: readonly string[],
  call: DotMethodCallContext,
  cx: CompileContext,
): Typed {
  const qualified = names.join('.');
  const method = call.anyId().getText();
  const owner = qualified.replace(/^system\.(?=.)/i, '');

  const definition = STATIC_METHODS.get(`${owner}.${method}`.toLowerCase());
  if (definition !== undefined) {
    const args = compileArguments(call, cx);
    const bound = definition.bind(args.map((arg) => arg.type));
    if (bound === undefined)
      throw noSuchMethod(
        ctx,
        method,
        args.map((a) => typeName(a.type)),
        qualified,
      );
    const node = {
      kind: 'call',
      name: definition.apexName,
      call: bound.call,
      args: args.map((a) => a.node),
    } as const;
    return { node, type: bound.returns };
  }

  if (owner.toLowerCase() === 'system') {
    if (isKnownSystemMethod(method)) throw unsupported(ctx, `System.${method}`);
    const args = compileArguments(call, cx);
    throw noSuchMethod(
      ctx,
      method,
      args.map((a) => typeName(a.type)),
      'System',
    );
  }
  const ref = cx.classes.resolve(qualified);
  if (ref !== undefined) throw unsupported(ctx, `static method call ${ref.apexName}.${method}`);
  if (isPlatformName(qualified)) throw unsupported(ctx, `${qualified}.${method}`);
  throw unknownName(ctx.expression(), names);
}

/** `target.method(args)` on a platform value or an instance of a host class. */
function compileInstanceCall(
  ctx: DotExpressionContext,
  target: Typed,
  call: DotMethodCallContext,
  cx: CompileContext,
): Typed {
  const method = call.anyId().getText();
  const args = compileArguments(call, cx);
  const argTypes = args.map((arg) => arg.type);
  const type = target.type;

  if (type.kind === 'unknown') {
    throw unsupported(ctx, `method call on a method's result .${method}()`);
  }
  if (type.kind === 'class') return compileHostCall(ctx, target, method, args);

  const methods = methodsOf(type);
  if (methods === undefined) {
    if (type.kind === 'primitive' && type.name !== 'Object') {
      throw unsupported(ctx, `${type.name} method ${method}()`);
    }
    throw noSuchMethod(ctx, method, argTypes.map(typeName), typeName(type));
  }

  const definition = methods.get(method.toLowerCase());
  if (definition === undefined) throw unsupported(ctx, `${typeName(type)} method ${method}()`);
  const bound = definition.bind(type, argTypes);
  if (bound === undefined) throw noSuchMethod(ctx, method, argTypes.map(typeName), typeName(type));

  const node = {
    kind: 'method',
    name: definition.name,
    call: bound.call,
    target: target.node,
    args: args.map((arg) => arg.node),
  } as const;
  return { node, type: bound.returns };
}

function methodsOf(type: StaticType): ReadonlyMap<string, InstanceMethod> | undefined {
  return (
    collectionMethods(type) ??
    primitiveMethods(type) ??
    objectMethods(type) ??
    asyncObjectMethods(type)
  );
}

/** A method the host class declares; only its number of arguments is checked. */
function compileHostCall(
  ctx: DotExpressionContext,
  target: Typed,
  method: string,
  args: readonly Typed[],
): Typed {
  const type = target.type;
  if (type.kind !== 'class') throw new Error('a host call on something not a class instance');
  const declared = type.ref.methods.get(method.toLowerCase());
  const hasVoidArg = args.some((arg) => arg.type.kind === 'void');
  if (declared === undefined || declared.arity !== args.length || hasVoidArg) {
    throw noSuchMethod(
      ctx,
      method,
      args.map((arg) => typeName(arg.type)),
      type.ref.apexName,
    );
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

const LOGGING_LEVELS = ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST'];

/** `LoggingLevel.INFO`, `AFLO__Customer__c.AFLO__CustomerId__c`; others can't be used yet. */
function compileStaticName(
  ctx: DotExpressionContext,
  names: readonly string[],
  cx: CompileContext,
): Typed {
  const owner = names.slice(0, -1).join('.');
  const member = names[names.length - 1] ?? '';

  if (/^(system\.)?logginglevel$/i.test(owner)) {
    const level = LOGGING_LEVELS.find((name) => name === member.toUpperCase());
    if (level === undefined) throw problemAt(ctx, `Variable does not exist: ${member}`);
    return { node: { kind: 'literal', value: level }, type: platform('LoggingLevel') };
  }

  const sObject = cx.sObjects.resolve(owner);
  if (sObject !== undefined) {
    const field = sObject.field(member);
    if (field === undefined) throw unsupported(ctx, `${sObject.name}.${member}`);
    return { node: { kind: 'literal', value: field.name }, type: platform('Schema.SObjectField') };
  }

  if (cx.classes.resolve(owner) !== undefined) {
    throw unsupported(ctx, `static field ${names.join('.')}`);
  }
  if (isPlatformName(owner)) throw unsupported(ctx, names.join('.'));
  throw unknownName(ctx.expression(), names.slice(0, -1));
}

/** `Variable does not exist: x` for a bare name, `Invalid type: A.B` for a dotted one. */
function unknownName(ctx: ExpressionContext, names: readonly string[]) {
  if (names.length === 1) return problemAt(ctx, `Variable does not exist: ${names[0]}`);
  return problemAt(ctx, `Invalid type: ${names.join('.')}`);
}
