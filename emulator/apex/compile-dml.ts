/**
 * DML statements: `insert x;`, `update x;`, `upsert x [Field__c];`, `delete x;`, `undelete x;`
 * on one record or a list of records, all or none (a failure throws a DmlException).
 * `merge` and `insert as user` are unsupported constructs.
 */

import {
  UpsertStatementContext,
  type DeleteStatementContext,
  type InsertStatementContext,
  type UndeleteStatementContext,
  type UpdateStatementContext,
} from '@apexdevtools/apex-parser';
import type { CompileContext } from './compile-context.ts';
import { compileExpression } from './compile-expressions.ts';
import { positionOf, problemAt, unsupported } from './compile-problem.ts';
import { recordsShape } from './database-methods.ts';
import { runDml } from './dml.ts';
import type { DmlOperation } from './host.ts';
import type { StaticCall, Stmt } from './ir.ts';
import { typeName, type StaticType } from './static-types.ts';

export type DmlStatementContext =
  | InsertStatementContext
  | UpdateStatementContext
  | UpsertStatementContext
  | DeleteStatementContext
  | UndeleteStatementContext;

export function compileDmlStatement(
  operation: DmlOperation,
  ctx: DmlStatementContext,
  cx: CompileContext,
): Stmt {
  if (ctx.accessLevel() !== null)
    throw unsupported(ctx.accessLevel(), `DML ${ctx.accessLevel().getText()}`);
  const value = compileExpression(ctx.expression(), cx);
  const shape = recordsShape(value.type);
  if (shape === undefined) {
    throw problemAt(
      ctx.expression(),
      `DML requires SObject or SObject list type: ${typeName(value.type)}`,
    );
  }

  const externalIdField =
    ctx instanceof UpsertStatementContext ? upsertField(ctx, value.type, cx) : 'Id';
  const dml = { operation, single: shape === 'single', allOrNone: true, externalIdField };
  const call: StaticCall = (args, runtime) => {
    runDml(dml, args[0] ?? null, runtime);
    return null;
  };
  const expr = { kind: 'call', name: operation, call, args: [value.node] } as const;
  return { kind: 'expression', pos: positionOf(ctx), expr };
}

/** `upsert records Field__c;`: an external id field of the records' type (Id when omitted). */
function upsertField(ctx: UpsertStatementContext, type: StaticType, cx: CompileContext): string {
  const named = ctx.qualifiedName();
  if (named === null) return 'Id';
  const name = named.getText();
  const element = type.kind === 'list' ? type.element : type;
  if (element.kind !== 'sobject' || element.ref === null) return name;

  const field = cx.sObjects.resolve(element.ref.name)?.field(name);
  if (field === undefined || !field.upsertKey) {
    throw problemAt(
      named,
      `Invalid field for upsert, must be an External Id custom or standard indexed field: ${name}`,
    );
  }
  return field.name;
}
