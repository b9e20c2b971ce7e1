/**
 * `new` expressions: a host class (no arguments), a record (`new AFLO__Customer__c(Name = 'x')`,
 * field names checked against the org), a collection (`new List<X>()`, `new Set<String>{'a'}`,
 * `new Map<Id, X>(records)`, `new String[]{'a'}`).
 */

import {
  AssignExpressionContext,
  IdPrimaryContext,
  PrimaryExpressionContext,
  type ApexParserRuleContext,
  type ClassCreatorRestContext,
  type CreatorContext,
  type ExpressionContext,
} from '@apexdevtools/apex-parser';
import { ApexException } from '../errors.ts';
import { CONSTRUCTORS } from './async-objects.ts';
import type { CompileContext } from './compile-context.ts';
import { coerce, compileExpression, type Typed } from './compile-expressions.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { namedType, resolveTypeRef } from './compile-types.ts';
import { nullPointer } from './exceptions.ts';
import type { ApexValue, SObjectTypeRef } from './host.ts';
import type { Expr, StaticCall } from './ir.ts';
import { isPlatformName } from './platform-names.ts';
import { newRecord } from './records.ts';
import {
  INTEGER,
  isAssignable,
  listOf,
  mapOf,
  platform,
  primitive,
  setOf,
  typeName,
  type StaticType,
} from './static-types.ts';

export function compileCreator(ctx: CreatorContext, cx: CompileContext): Typed {
  const pairs = ctx.createdName().idCreatedNamePair_list();
  const [first] = pairs;
  const name = pairs.map((pair) => pair.anyId().getText()).join('.');

  if (pairs.length === 1 && first !== undefined && first.typeList() !== null) {
    const args = first
      .typeList()
      .typeRef_list()
      .map((ref) => resolveTypeRef(ref, cx));
    return compileCollection(ctx, collectionType(ctx, name, args), cx);
  }
  if (pairs.some((pair) => pair.typeList() !== null))
    throw unsupported(ctx, `new ${ctx.getText()}`);
  if (ctx.arrayCreatorRest() !== null)
    return compileArray(ctx, namedType(name, ctx.createdName(), cx), cx);

  const rest = ctx.classCreatorRest();
  if (rest === null) throw unsupported(ctx, `new ${ctx.getText()}`);
  return compileConstruction(ctx, name, rest, cx);
}

function collectionType(ctx: CreatorContext, name: string, args: StaticType[]): StaticType {
  const [a, b] = args;
  const lower = name.toLowerCase();
  if (lower === 'list' && args.length === 1 && a !== undefined) return listOf(a);
  if (lower === 'set' && args.length === 1 && a !== undefined) return setOf(a);
  if (lower === 'map' && args.length === 2 && a !== undefined && b !== undefined)
    return mapOf(a, b);
  throw unsupported(ctx, `new ${ctx.getText()}`);
}

/** A call node that builds a value from its evaluated arguments. */
function build(name: string, call: StaticCall, args: readonly Expr[], type: StaticType): Typed {
  return { node: { kind: 'call', name, call, args }, type };
}

function compileCollection(ctx: CreatorContext, type: StaticType, cx: CompileContext): Typed {
  const label = `new ${typeName(type)}`;
  const items = ctx.setCreatorRest()?.expression_list();
  const pairs = ctx.mapCreatorRest()?.mapCreatorRestPair_list();
  const rest = ctx.classCreatorRest();

  if (type.kind === 'map') {
    if (items !== undefined) throw unsupported(ctx, `new ${ctx.getText()}`);
    const entries = (pairs ?? []).flatMap((pair) => {
      const [k, v] = pair.expression_list();
      if (k === undefined || v === undefined) throw new Error('a map entry without key or value');
      return [
        coerce(compileExpression(k, cx), type.key, k),
        coerce(compileExpression(v, cx), type.value, v),
      ];
    });
    if (rest !== null) return compileCopy(ctx, type, rest, cx);
    return build(label, (args) => mapFromEntries(args), entries, type);
  }

  if (type.kind !== 'list' && type.kind !== 'set') throw unsupported(ctx, `new ${ctx.getText()}`);
  if (pairs !== undefined) throw unsupported(ctx, `new ${ctx.getText()}`);
  const element = type.element;
  const values = (items ?? []).map((item) => coerce(compileExpression(item, cx), element, item));
  if (rest !== null) return compileCopy(ctx, type, rest, cx);
  const call: StaticCall = type.kind === 'list' ? (args) => [...args] : (args) => new Set(args);
  return build(label, call, values, type);
}

function mapFromEntries(args: readonly ApexValue[]): Map<ApexValue, ApexValue> {
  const map = new Map<ApexValue, ApexValue>();
  for (let i = 0; i < args.length; i += 2) map.set(args[i] ?? null, args[i + 1] ?? null);
  return map;
}

/** `new List<X>()`, `new Set<X>(items)`, `new Map<K, V>(other)`, `new Map<Id, X>(records)`. */
function compileCopy(
  ctx: CreatorContext,
  type: StaticType,
  rest: ClassCreatorRestContext,
  cx: CompileContext,
): Typed {
  const label = `new ${typeName(type)}`;
  const args = (rest.arguments().expressionList()?.expression_list() ?? []).map((arg) =>
    compileExpression(arg, cx),
  );
  const [source] = args;
  if (source === undefined) {
    const empty: StaticCall =
      type.kind === 'list' ? () => [] : type.kind === 'set' ? () => new Set() : () => new Map();
    return build(label, empty, [], type);
  }
  if (args.length > 1) throw unsupported(ctx, `${label} with ${args.length} arguments`);

  const copy = copyFrom(type, source.type);
  if (copy === undefined) throw unsupported(ctx, `${label}(${typeName(source.type)})`);
  return build(label, ([value]) => copy(value ?? null), [source.node], type);
}

/** How a collection constructor copies its argument, when Apex has that constructor. */
function copyFrom(
  type: StaticType,
  from: StaticType,
): ((value: ApexValue) => ApexValue) | undefined {
  const iterable = from.kind === 'list' || from.kind === 'set';
  const items = (value: ApexValue): ApexValue[] => {
    if (value === null) throw nullPointer();
    return [...(value as Iterable<ApexValue>)];
  };
  if (type.kind === 'list' && iterable && isAssignable(from.element, type.element)) return items;
  if (type.kind === 'set' && iterable && isAssignable(from.element, type.element)) {
    return (value) => new Set(items(value));
  }
  if (type.kind === 'map' && from.kind === 'map' && isAssignable(from, type)) {
    return (value) => new Map(value as Map<ApexValue, ApexValue>);
  }
  const keyedById = type.kind === 'map' && isAssignable(primitive('Id'), type.key);
  if (
    keyedById &&
    from.kind === 'list' &&
    from.element.kind === 'sobject' &&
    isAssignable(from.element, type.value)
  ) {
    return (value) => mapById(items(value));
  }
  return undefined;
}

/** `new Map<Id, X>(records)`: each record under its Id. */
function mapById(records: ApexValue[]): Map<ApexValue, ApexValue> {
  const map = new Map<ApexValue, ApexValue>();
  records.forEach((record, index) => {
    const id = (record as { Id?: unknown } | null)?.Id;
    if (typeof id !== 'string') {
      throw new ApexException('System.ListException', `Row with null Id at index: ${index}`);
    }
    map.set(id, record);
  });
  return map;
}

/** `new String[]{'a', 'b'}` and `new String[3]` (three nulls): arrays are lists in Apex. */
function compileArray(ctx: CreatorContext, element: StaticType, cx: CompileContext): Typed {
  const rest = ctx.arrayCreatorRest();
  const type = listOf(element);
  const size = rest.expression();
  if (size !== null) {
    const length = compileExpression(size, cx);
    if (!isAssignable(length.type, INTEGER)) {
      throw problemAt(size, `Illegal assignment from ${typeName(length.type)} to Integer`);
    }
    const call: StaticCall = ([n]) => {
      if (n === null || n === undefined) throw nullPointer();
      return new Array<ApexValue>(Number(n)).fill(null);
    };
    return build(`new ${typeName(element)}[]`, call, [length.node], type);
  }
  const items = rest.arrayInitializer()?.expression_list() ?? [];
  const values = items.map((item) => coerce(compileExpression(item, cx), element, item));
  return build(`new ${typeName(element)}[]`, (args) => [...args], values, type);
}

/** `new NS.Class()` or `new X__c(Field = value, …)`. */
function compileConstruction(
  ctx: CreatorContext,
  name: string,
  rest: ClassCreatorRestContext,
  cx: CompileContext,
): Typed {
  const args = rest.arguments().expressionList()?.expression_list() ?? [];

  const ref = cx.classes.resolve(name);
  if (ref !== undefined) {
    if (args.length > 0)
      throw unsupported(ctx, `constructor with arguments new ${ref.apexName}(…)`);
    return { node: { kind: 'new', classRef: ref, args: [] }, type: { kind: 'class', ref } };
  }

  const sObject = cx.sObjects.resolve(name);
  if (sObject !== undefined) return compileNewRecord(sObject, args, cx);

  const platformObject = CONSTRUCTORS.get(name.toLowerCase());
  if (platformObject !== undefined) {
    if (args.length > 0) throw unsupported(ctx, `constructor with arguments new ${name}(…)`);
    return build(
      `new ${platformObject.type}`,
      platformObject.create,
      [],
      platform(platformObject.type),
    );
  }

  if (isPlatformName(name)) throw unsupported(ctx, `new ${name}()`);
  throw problemAt(ctx.createdName(), `Invalid type: ${name}`);
}

/** `new X__c(Name = 'x', Amount__c = 5)`: each `Field = value` checked against the type. */
function compileNewRecord(
  sObject: SObjectTypeRef,
  args: readonly ExpressionContext[],
  cx: CompileContext,
): Typed {
  const names: string[] = [];
  const values = args.map((arg) => {
    const [fieldCtx, valueCtx] = fieldAssignment(arg);
    const field = sObject.field(fieldCtx.getText());
    if (field === undefined) {
      throw problemAt(fieldCtx, `Field does not exist: ${fieldCtx.getText()} on ${sObject.name}`);
    }
    if (!field.writable)
      throw problemAt(fieldCtx, `Field is not writeable: ${sObject.name}.${field.name}`);
    if (names.includes(field.name))
      throw problemAt(fieldCtx, `Duplicate field initialization: ${field.name}`);
    names.push(field.name);
    return coerce(compileExpression(valueCtx, cx), primitive(field.type), valueCtx);
  });

  const type = sObject.name;
  const call: StaticCall = (evaluated) =>
    newRecord(
      type,
      names.map((field, i) => [field, evaluated[i] ?? null]),
    );
  return build(`new ${type}`, call, values, { kind: 'sobject', ref: sObject });
}

/** `Field = value` inside an sObject constructor. */
function fieldAssignment(arg: ExpressionContext): [ApexParserRuleContext, ExpressionContext] {
  if (arg instanceof AssignExpressionContext && arg.ASSIGN() !== null) {
    const [left, right] = arg.expression_list();
    if (
      left instanceof PrimaryExpressionContext &&
      left.primary() instanceof IdPrimaryContext &&
      right !== undefined
    ) {
      return [left, right];
    }
  }
  throw unsupported(arg, 'an sObject constructor argument that is not Field = value');
}
