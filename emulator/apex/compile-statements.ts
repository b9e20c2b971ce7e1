/**
 * Statements: local variable declarations (which the grammar calls fields at the top of a
 * script), expression statements, blocks, `if`, the loops, `break`/`continue`/`return`,
 * `try`/`catch`/`finally` and DML statements. Every other statement or declaration is an
 * unsupported construct, named after what it is.
 */

import type {
  AnonymousBlockMemberContext,
  ApexParserRuleContext,
  BlockContext,
  CatchClauseContext,
  DoWhileStatementContext,
  ExpressionContext,
  ExpressionStatementContext,
  IfStatementContext,
  ModifierContext,
  ReturnStatementContext,
  StatementContext,
  TryStatementContext,
  TypeRefContext,
  VariableDeclaratorsContext,
  WhileStatementContext,
} from '@apexdevtools/apex-parser';
import { inBlock, inLoop, type CompileContext } from './compile-context.ts';
import { compileDmlStatement } from './compile-dml.ts';
import { coerce, compileExpression, requireCondition } from './compile-expressions.ts';
import { compileFor } from './compile-for.ts';
import { positionOf, problemAt, unsupported } from './compile-problem.ts';
import { resolveTypeRef } from './compile-types.ts';
import { constructName } from './constructs.ts';
import { exceptionTypeNamed } from './exceptions.ts';
import type { CatchClause, Expr, Stmt } from './ir.ts';

/** Expression kinds Apex accepts as a statement on their own. */
const STATEMENT_EXPRESSIONS = new Set<Expr['kind']>([
  'assign',
  'update',
  'invoke',
  'call',
  'method',
  'new',
]);

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
  return [compileControl(ctx, cx)];
}

/** The statements that are not declarations or expressions. */
function compileControl(ctx: StatementContext, cx: CompileContext): Stmt {
  const pos = positionOf(ctx);
  if (ctx.ifStatement() !== null) return compileIf(ctx.ifStatement(), cx);
  if (ctx.whileStatement() !== null) return compileWhile(ctx.whileStatement(), cx);
  if (ctx.doWhileStatement() !== null) return compileDoWhile(ctx.doWhileStatement(), cx);
  if (ctx.forStatement() !== null) return compileFor(ctx.forStatement(), cx);
  if (ctx.tryStatement() !== null) return compileTry(ctx.tryStatement(), cx);
  if (ctx.returnStatement() !== null) return compileReturn(ctx.returnStatement());
  if (ctx.breakStatement() !== null || ctx.continueStatement() !== null) {
    const kind = ctx.breakStatement() !== null ? 'break' : 'continue';
    if (cx.loopDepth === 0) throw problemAt(ctx, `${kind} statement must be in a loop`);
    return { kind, pos };
  }
  if (ctx.insertStatement() !== null)
    return compileDmlStatement('insert', ctx.insertStatement(), cx);
  if (ctx.updateStatement() !== null)
    return compileDmlStatement('update', ctx.updateStatement(), cx);
  if (ctx.upsertStatement() !== null)
    return compileDmlStatement('upsert', ctx.upsertStatement(), cx);
  if (ctx.deleteStatement() !== null)
    return compileDmlStatement('delete', ctx.deleteStatement(), cx);
  if (ctx.undeleteStatement() !== null) {
    return compileDmlStatement('undelete', ctx.undeleteStatement(), cx);
  }

  const kind = firstChild(ctx);
  throw unsupported(kind, constructName(kind));
}

export function compileBlock(ctx: BlockContext, cx: CompileContext): Stmt {
  const body = ctx.statement_list().flatMap((statement) => compileStatement(statement, cx));
  return { kind: 'block', pos: positionOf(ctx), body };
}

/** A nested statement (a branch, a loop body) as one statement, in its own scope. */
export function compileBody(ctx: StatementContext, cx: CompileContext): Stmt {
  const body = compileStatement(ctx, cx);
  const [only] = body;
  return body.length === 1 && only !== undefined
    ? only
    : { kind: 'block', pos: positionOf(ctx), body };
}

function compileIf(ctx: IfStatementContext, cx: CompileContext): Stmt {
  const test = requireCondition(
    compileExpression(ctx.parExpression().expression(), cx),
    ctx.parExpression().expression(),
  );
  const [thenCtx, elseCtx] = ctx.statement_list();
  if (thenCtx === undefined) throw new Error('an if statement without a body');
  const then = compileBody(thenCtx, inBlock(cx));
  const otherwise = elseCtx === undefined ? null : compileBody(elseCtx, inBlock(cx));
  return { kind: 'if', pos: positionOf(ctx), test, then, otherwise };
}

function compileWhile(ctx: WhileStatementContext, cx: CompileContext): Stmt {
  const condition = ctx.parExpression().expression();
  const test = requireCondition(compileExpression(condition, cx), condition);
  const body = compileBody(ctx.statement(), inLoop(cx));
  return { kind: 'while', pos: positionOf(ctx), test, body, testFirst: true };
}

function compileDoWhile(ctx: DoWhileStatementContext, cx: CompileContext): Stmt {
  const body = compileBlock(ctx.block(), inLoop(cx));
  const condition = ctx.parExpression().expression();
  const test = requireCondition(compileExpression(condition, cx), condition);
  return { kind: 'while', pos: positionOf(ctx), test, body, testFirst: false };
}

function compileTry(ctx: TryStatementContext, cx: CompileContext): Stmt {
  const body = compileBlock(ctx.block(), inBlock(cx));
  const catches = ctx.catchClause_list().map((clause) => compileCatch(clause, cx));
  const finallyBlock = ctx.finallyBlock();
  const finalizer = finallyBlock === null ? null : compileBlock(finallyBlock.block(), inBlock(cx));
  return { kind: 'try', pos: positionOf(ctx), body, catches, finally: finalizer };
}

/** `catch (DmlException e) { … }`: a built-in exception type, or `Exception` for any. */
function compileCatch(ctx: CatchClauseContext, cx: CompileContext): CatchClause {
  rejectModifiers(ctx.modifier_list());
  const written = ctx.qualifiedName().getText();
  const type = exceptionTypeNamed(written);
  if (type === undefined) {
    if (written.includes('.')) throw unsupported(ctx.qualifiedName(), `catch of ${written}`);
    throw problemAt(ctx.qualifiedName(), `Invalid type: ${written}`);
  }

  const scope = inBlock(cx);
  const name = ctx.id().getText();
  const local = scope.scope.declare(name, { kind: 'exception', name: type });
  if (local === undefined) throw problemAt(ctx.id(), `Duplicate variable: ${name}`);
  return { type, slot: local.slot, body: compileBlock(ctx.block(), scope) };
}

/** `return;` ends the script; a script has no value to return. */
function compileReturn(ctx: ReturnStatementContext): Stmt {
  if (ctx.expression() !== null) {
    throw problemAt(ctx.expression(), 'Void method must not return a value');
  }
  return { kind: 'return', pos: positionOf(ctx) };
}

/** `Type a = 1, b;`: one declare per variable, each initialised to null when it has no value. */
export function compileDeclaration(
  statement: ApexParserRuleContext,
  typeRef: TypeRefContext,
  declarators: VariableDeclaratorsContext,
  cx: CompileContext,
): Stmt[] {
  const type = resolveTypeRef(typeRef, cx);
  const pos = positionOf(statement);

  return declarators.variableDeclarator_list().map((declarator) => {
    const initializer = declarator.expression();
    const init =
      initializer === null ? null : coerce(compileExpression(initializer, cx), type, initializer);

    const name = declarator.id().getText();
    const local = cx.scope.declare(name, type);
    if (local === undefined) throw problemAt(declarator.id(), `Duplicate variable: ${name}`);
    return { kind: 'declare', pos, slot: local.slot, init };
  });
}

function compileExpressionStatement(ctx: ExpressionStatementContext, cx: CompileContext): Stmt {
  return expressionStatement(ctx.expression(), cx, ctx);
}

export function expressionStatement(
  expression: ExpressionContext,
  cx: CompileContext,
  at: ApexParserRuleContext = expression,
): Stmt {
  const { node } = compileExpression(expression, cx);
  return { kind: 'expression', pos: positionOf(at), expr: statementExpression(node, at) };
}

/** Only assignments, calls and `new` may stand alone: `Expression cannot be a statement.` */
export function statementExpression(node: Expr, at: ApexParserRuleContext): Expr {
  if (!STATEMENT_EXPRESSIONS.has(node.kind)) {
    throw problemAt(at, 'Expression cannot be a statement.');
  }
  return node;
}

/** `final`, `static`, `public`…: valid before some declarations, not supported here yet. */
export function rejectModifiers(modifiers: readonly ModifierContext[]): void {
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
