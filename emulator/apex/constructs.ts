/**
 * Names for the Apex constructs the emulator doesn't run yet, as compile problems show them
 * (`aflo-emu cannot run this construct yet: for loop`). Any parse-tree node without an entry
 * gets a name made from its grammar rule, so nothing is ever skipped silently.
 */

import {
  ArrayExpressionContext,
  CastExpressionContext,
  ClassDeclarationContext,
  ContinueStatementContext,
  BreakStatementContext,
  DeleteStatementContext,
  DoWhileStatementContext,
  EnumDeclarationContext,
  ExpressionContext,
  ForStatementContext,
  IfStatementContext,
  InsertStatementContext,
  InstanceOfExpressionContext,
  InterfaceDeclarationContext,
  MergeStatementContext,
  MethodCallExpressionContext,
  MethodDeclarationContext,
  PropertyDeclarationContext,
  ReturnStatementContext,
  RunAsStatementContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  SuperPrimaryContext,
  SwitchStatementContext,
  ThisPrimaryContext,
  ThrowStatementContext,
  TryStatementContext,
  TypeRefPrimaryContext,
  UndeleteStatementContext,
  UpdateStatementContext,
  UpsertStatementContext,
  VoidPrimaryContext,
  WhileStatementContext,
  type ApexParserRuleContext,
} from '@apexdevtools/apex-parser';

const NAMES = new Map<unknown, string>([
  [IfStatementContext, 'if statement'],
  [SwitchStatementContext, 'switch statement'],
  [ForStatementContext, 'for loop'],
  [WhileStatementContext, 'while loop'],
  [DoWhileStatementContext, 'do-while loop'],
  [TryStatementContext, 'try/catch statement'],
  [ReturnStatementContext, 'return statement'],
  [ThrowStatementContext, 'throw statement'],
  [BreakStatementContext, 'break statement'],
  [ContinueStatementContext, 'continue statement'],
  [InsertStatementContext, 'DML insert statement'],
  [UpdateStatementContext, 'DML update statement'],
  [DeleteStatementContext, 'DML delete statement'],
  [UndeleteStatementContext, 'DML undelete statement'],
  [UpsertStatementContext, 'DML upsert statement'],
  [MergeStatementContext, 'DML merge statement'],
  [RunAsStatementContext, 'System.runAs block'],
  [ClassDeclarationContext, 'class declaration'],
  [InterfaceDeclarationContext, 'interface declaration'],
  [EnumDeclarationContext, 'enum declaration'],
  [MethodDeclarationContext, 'method declaration'],
  [PropertyDeclarationContext, 'property declaration'],
  [CastExpressionContext, 'cast'],
  [InstanceOfExpressionContext, 'instanceof'],
  [ArrayExpressionContext, 'list or array index'],
  [MethodCallExpressionContext, 'call to a method declared in the script'],
  [SoqlPrimaryContext, 'inline SOQL query'],
  [SoslPrimaryContext, 'inline SOSL search'],
  [ThisPrimaryContext, 'this'],
  [SuperPrimaryContext, 'super'],
  [TypeRefPrimaryContext, 'Type.class literal'],
  [VoidPrimaryContext, 'void.class literal'],
]);

/** What to call this node in an "unsupported construct" problem. */
export function constructName(ctx: ApexParserRuleContext): string {
  const named = NAMES.get(ctx.constructor);
  if (named !== undefined) return named;
  if (ctx instanceof ExpressionContext) return `operator '${operatorText(ctx)}'`;
  return ruleName(ctx);
}

/** The operator tokens of an operator expression: `+`, `>=`, `?:`, `++`. */
function operatorText(ctx: ExpressionContext): string {
  const tokens = (ctx.children ?? []).filter((child) => !(child instanceof ExpressionContext));
  return tokens.map((token) => token.getText()).join('');
}

/** `SwitchStatementContext` → `switch statement`. */
function ruleName(ctx: ApexParserRuleContext): string {
  const words = ctx.constructor.name.replace(/Context$/, '').split(/(?=[A-Z])/);
  return words.join(' ').toLowerCase();
}
