/**
 * Statements: local variable declarations (which the grammar calls fields at the top of a
 * script), expression statements and nested blocks. Every other statement or declaration is an
 * unsupported construct, named after what it is.
 */

import type {
  AnonymousBlockMemberContext,
  ApexParserRuleContext,
  BlockContext,
  ExpressionStatementContext,
  ModifierContext,
  StatementContext,
  TypeRefContext,
  VariableDeclaratorsContext,
} from '@apexdevtools/apex-parser';
import { inBlock, type CompileContext } from './compile-context.ts';
import { compileExpression, requireAssignable } from './compile-expressions.ts';
import { positionOf, problemAt, unsupported } from './compile-problem.ts';
import { resolveTypeRef } from './compile-types.ts';
import { constructName } from './constructs.ts';
import type { Expr, Stmt } from './ir.ts';

/** Expression kinds Apex accepts as a statement on their own. */
const STATEMENT_EXPRESSIONS = new Set<Expr['kind']>(['assign', 'invoke', 'system', 'new']);

/** One top-level member of a script. */
export function compileBlockMember(ctx: AnonymousBlockMemberContext, cx: CompileContext): Stmt[] {
  const statement = ctx.statement();
  if (statement !== null) return compileStatement(statement, cx);

  // A class or method declaration is named as such, even behind modifiers (`public class X`).
  const declaration = ctx.anonymousMemberDeclaration();
  const field = declaration.fieldDeclaration();
  if (field === null) throw unsupported(declaration, constructName(firstChild(declaration)));
  rejectModifiers(ctx.modifier_list());
  return compileDeclaration(ctx, field.typeRef(), field.variableDeclarators(), cx);
}

export function compileStatement(ctx: StatementContext, cx: CompileContext): Stmt[] {
  const block = ctx.block();
  if (block !== null) return [compileBlock(block, inBlock(cx))];

  const local = ctx.localVariableDeclarationStatement();
  if (local !== null) {
    const declaration = local.localVariableDeclaration();
    rejectModifiers(declaration.modifier_list());
    return compileDeclaration(ctx, declaration.typeRef(), declaration.variableDeclarators(), cx);
  }

  const expression = ctx.expressionStatement();
  if (expression !== null) return [compileExpressionStatement(expression, cx)];

  const kind = firstChild(ctx);
  throw unsupported(kind, constructName(kind));
}

function compileBlock(ctx: BlockContext, cx: CompileContext): Stmt {
  const body = ctx.statement_list().flatMap((statement) => compileStatement(statement, cx));
  return { kind: 'block', pos: positionOf(ctx), body };
}

/** `Type a = 1, b;`: one declare per variable, each initialised to null when it has no value. */
function compileDeclaration(
  statement: ApexParserRuleContext,
  typeRef: TypeRefContext,
  declarators: VariableDeclaratorsContext,
  cx: CompileContext,
): Stmt[] {
  const type = resolveTypeRef(typeRef, cx);
  const pos = positionOf(statement);

  return declarators.variableDeclarator_list().map((declarator) => {
    const initializer = declarator.expression();
    const init = initializer === null ? null : compileExpression(initializer, cx);
    if (init !== null) requireAssignable(init.type, type, initializer);

    const name = declarator.id().getText();
    const local = cx.scope.declare(name, type);
    if (local === undefined) throw problemAt(declarator.id(), `Duplicate variable: ${name}`);
    return { kind: 'declare', pos, slot: local.slot, init: init?.node ?? null };
  });
}

function compileExpressionStatement(ctx: ExpressionStatementContext, cx: CompileContext): Stmt {
  const { node } = compileExpression(ctx.expression(), cx);
  if (!STATEMENT_EXPRESSIONS.has(node.kind)) {
    throw problemAt(ctx, 'Expression cannot be a statement.');
  }
  return { kind: 'expression', pos: positionOf(ctx), expr: node };
}

/** `final`, `static`, `public`…: valid before some declarations, not supported here yet. */
function rejectModifiers(modifiers: readonly ModifierContext[]): void {
  const first = modifiers[0];
  if (first !== undefined) throw unsupported(first, `modifier '${first.getText()}'`);
}

/** The rule node a wrapper rule (statement, member declaration) stands for. */
function firstChild(ctx: ApexParserRuleContext): ApexParserRuleContext {
  const child = ctx.getChild(0);
  return isRuleContext(child) ? child : ctx;
}

function isRuleContext(node: unknown): node is ApexParserRuleContext {
  return typeof node === 'object' && node !== null && 'start' in node && 'children' in node;
}
