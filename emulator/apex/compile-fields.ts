/**
 * Field access on records (`c.Name`, `c.AFLO__Customer__r.Name`) checked against the org's
 * sObject types, and list indexing (`cs[0]`). Field names are resolved to their canonical
 * spelling here, so the evaluator reads them as stored.
 */

import type { ApexParserRuleContext, ArrayExpressionContext } from '@apexdevtools/apex-parser';
import { propertyOf } from './async-objects.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, type Typed } from './compile-expressions.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { INTEGER, isAssignable, primitive, typeName, type StaticType } from './static-types.ts';

/** `target.name` on a record; `forWrite` when it is assigned to. */
export function compileFieldAccess(
  at: ApexParserRuleContext,
  target: Typed,
  name: string,
  cx: CompileContext,
  forWrite: boolean,
): Typed {
  const type = target.type;
  const property = propertyOf(type, name);
  if (property !== undefined) {
    const node = { kind: 'property', target: target.node, property: property.name } as const;
    return { node, type: property.type };
  }
  if (type.kind === 'unknown') throw unsupported(at, `field access on a method's result .${name}`);
  if (type.kind === 'class') throw unsupported(at, `field access ${at.getText()}`);
  if (type.kind === 'sobject' && type.ref === null) {
    throw problemAt(at, 'Field expression not allowed for generic SObject');
  }
  if (type.kind !== 'sobject' || type.ref === null) {
    throw problemAt(
      at,
      `Initial term of field expression must be a concrete SObject: ${typeName(type)}`,
    );
  }

  const sObject = type.ref;
  const field = sObject.field(name);
  if (field !== undefined) {
    if (forWrite && !field.writable) {
      throw problemAt(at, `Field is not writeable: ${sObject.name}.${field.name}`);
    }
    const node = {
      kind: 'field',
      target: target.node,
      field: field.name,
      sObjectType: sObject.name,
    } as const;
    return { node, type: primitive(field.type) };
  }

  const relationship = sObject.relationship(name);
  const parent =
    relationship === undefined ? undefined : cx.sObjects.resolve(relationship.referenceTo);
  if (relationship !== undefined && parent !== undefined) {
    if (forWrite) throw unsupported(at, `assignment to the relationship ${relationship.name}`);
    const node = {
      kind: 'field',
      target: target.node,
      field: relationship.name,
      sObjectType: sObject.name,
    } as const;
    return { node, type: { kind: 'sobject', ref: parent } };
  }
  throw problemAt(at, `Field does not exist: ${name} on ${sObject.name}`);
}

/** `list[i]`: a List (or array) and an Integer index. */
export function compileIndex(ctx: ArrayExpressionContext, cx: CompileContext): Typed {
  const [listCtx, indexCtx] = ctx.expression_list();
  if (listCtx === undefined || indexCtx === undefined) throw new Error('an index without operands');
  const list = compileExpression(listCtx, cx);
  const index = compileExpression(indexCtx, cx);

  if (list.type.kind !== 'list') {
    throw problemAt(ctx, `Expression must be a list type: ${typeName(list.type)}`);
  }
  if (!isAssignable(index.type, INTEGER)) {
    throw problemAt(indexCtx, `List index must be of type Integer: ${typeName(index.type)}`);
  }
  const element: StaticType = list.type.element;
  return { node: { kind: 'index', target: list.node, index: index.node }, type: element };
}
