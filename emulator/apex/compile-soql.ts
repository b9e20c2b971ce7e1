/**
 * Inline SOQL: `[SELECT … FROM X WHERE Name = :name AND Id IN :ids LIMIT :n]`. The query text
 * is cut out of the script, each `:expression` compiled as Apex and replaced by a bind name
 * (`:b0`), and the result checked against the org's schema now, so a bad field is a compile
 * problem with the platform's SOQL message, as in Apex. The type is `List<X>`, or Integer for
 * `SELECT COUNT()`; assigned to one record it takes the only row (see `coerce`).
 */

import {
  BoundExpressionContext,
  LimitClauseContext,
  OffsetClauseContext,
  type ApexParserRuleContext,
  type SoqlLiteralContext,
} from '@apexdevtools/apex-parser';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, type Typed } from './compile-expressions.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import type { Expr } from './ir.ts';
import { INTEGER, isAssignable, listOf, typeName } from './static-types.ts';

/** The name the query text gives the bind with this index. */
export function bindName(index: number): string {
  return `b${index}`;
}

export function compileSoql(ctx: SoqlLiteralContext, cx: CompileContext): Typed {
  const query = ctx.query();
  const segments: Array<string | number> = [];
  const binds: Expr[] = [];
  const whereBinds: string[] = [];
  let cursor = query.start.start;

  for (const bound of boundExpressions(query)) {
    segments.push(cx.source.slice(cursor, bound.start.start));
    const value = compileExpression(bound.expression(), cx);
    const index = binds.length;
    binds.push(value.node);

    const parent = bound.parentCtx;
    if (parent instanceof LimitClauseContext || parent instanceof OffsetClauseContext) {
      if (!isAssignable(value.type, INTEGER)) {
        throw problemAt(bound, `Illegal assignment from ${typeName(value.type)} to Integer`);
      }
      segments.push(index);
    } else {
      segments.push(`:${bindName(index)}`);
      whereBinds.push(bindName(index));
    }
    cursor = bound.stop === undefined || bound.stop === null ? cursor : bound.stop.stop + 1;
  }
  segments.push(cx.source.slice(cursor, (query.stop?.stop ?? cursor) + 1));

  // LIMIT and OFFSET binds are inlined when the query runs; any integer checks the text now.
  const text = segments.map((segment) => (typeof segment === 'number' ? '1' : segment)).join('');
  const shape = cx.host.describeQuery(text, whereBinds);
  if (!shape.ok) throw problemAt(ctx, shape.problem);
  if (shape.unsupported !== null) throw unsupported(ctx, shape.unsupported);

  const sObject = cx.sObjects.resolve(shape.sObjectType) ?? null;
  const mode = shape.countOnly ? 'count' : 'list';
  const type = shape.countOnly ? INTEGER : listOf({ kind: 'sobject', ref: sObject });
  return { node: { kind: 'soql', plan: { segments, binds, mode } }, type };
}

/** The `:expression` binds of a query, in text order; a bind's own subtree is not searched. */
function boundExpressions(node: ApexParserRuleContext): BoundExpressionContext[] {
  if (node instanceof BoundExpressionContext) return [node];
  return (node.children ?? []).flatMap((child) =>
    isRuleContext(child) ? boundExpressions(child) : [],
  );
}

/** Rule nodes have children; tokens (terminal nodes) don't. */
function isRuleContext(node: unknown): node is ApexParserRuleContext {
  return typeof node === 'object' && node !== null && 'children' in node && 'start' in node;
}
