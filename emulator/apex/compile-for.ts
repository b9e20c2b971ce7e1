/**
 * The two `for` loops: `for (init; test; update)`, and the for-each loop over a list, a set or
 * a query (`for (X x : [SELECT …])`), including the SOQL list form `for (List<X> xs : [SELECT
 * …])`, which hands the body the rows 200 at a time as the platform does.
 */

import type { EnhancedForControlContext, ForStatementContext } from '@apexdevtools/apex-parser';
import { inLoop, type CompileContext } from './compile-context.ts';
import { compileExpression, requireCondition } from './compile-expressions.ts';
import { positionOf, problemAt } from './compile-problem.ts';
import {
  compileBody,
  compileDeclaration,
  expressionStatement,
  rejectModifiers,
  statementExpression,
} from './compile-statements.ts';
import { resolveTypeRef } from './compile-types.ts';
import type { Stmt } from './ir.ts';
import { isAssignable, typeName, type StaticType } from './static-types.ts';

/** `for (init; test; update)`, or with a colon the for-each loop. */
export function compileFor(ctx: ForStatementContext, cx: CompileContext): Stmt {
  const control = ctx.forControl();
  const enhanced = control.enhancedForControl();
  if (enhanced !== null) return compileForEach(ctx, enhanced, cx);

  const loop = inLoop(cx);
  const forInit = control.forInit();
  const declaration = forInit?.localVariableDeclaration() ?? null;
  let init: Stmt[] = [];
  if (declaration !== null) {
    rejectModifiers(declaration.modifier_list());
    init = compileDeclaration(
      forInit,
      declaration.typeRef(),
      declaration.variableDeclarators(),
      loop,
    );
  } else if (forInit !== null) {
    init = forInit
      .expressionList()
      .expression_list()
      .map((e) => expressionStatement(e, loop));
  }

  const condition = control.expression();
  const test =
    condition === null ? null : requireCondition(compileExpression(condition, loop), condition);
  const updates = control.forUpdate()?.expressionList().expression_list() ?? [];
  const update = updates.map((e) => statementExpression(compileExpression(e, loop).node, e));
  const body = compileBody(ctx.statement(), loop);
  return { kind: 'for', pos: positionOf(ctx), init, test, update, body };
}

/** How many rows a SOQL for loop over lists gets per iteration. */
export const SOQL_FOR_CHUNK = 200;

function compileForEach(
  ctx: ForStatementContext,
  control: EnhancedForControlContext,
  cx: CompileContext,
): Stmt {
  const variableType = resolveTypeRef(control.typeRef(), cx);
  const iterable = compileExpression(control.expression(), cx);
  const element = elementType(iterable.type);
  if (element === undefined) {
    throw problemAt(
      control.expression(),
      `Loop must iterate over collection type: ${typeName(iterable.type)}`,
    );
  }

  const chunked =
    iterable.node.kind === 'soql' &&
    variableType.kind === 'list' &&
    isAssignable(element, variableType.element);
  if (!chunked && !isAssignable(element, variableType)) {
    throw problemAt(control.typeRef(), `Loop variable must be of type ${typeName(element)}`);
  }

  const loop = inLoop(cx);
  const name = control.id().getText();
  const local = loop.scope.declare(name, variableType);
  if (local === undefined) throw problemAt(control.id(), `Duplicate variable: ${name}`);

  return {
    kind: 'forEach',
    pos: positionOf(ctx),
    slot: local.slot,
    iterable: iterable.node,
    chunk: chunked ? SOQL_FOR_CHUNK : 0,
    body: compileBody(ctx.statement(), loop),
  };
}

function elementType(type: StaticType): StaticType | undefined {
  return type.kind === 'list' || type.kind === 'set' ? type.element : undefined;
}
