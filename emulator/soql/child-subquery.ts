/**
 * Child relationship subqueries, one level deep: `SELECT Name, (SELECT Name FROM
 * AFLO__CustomerPromotions__r WHERE … ORDER BY … LIMIT n) FROM AFLO__Customer__c`.
 *
 * The subquery becomes one statement that reads the children of all the parent records at once,
 * whose Ids it is given as a JSON array (`IN (SELECT value FROM json_each(?))`), so a query costs
 * one extra statement per subquery however many parents it returns. LIMIT applies per parent:
 * with one, the statement numbers each parent's children in ORDER BY order
 * (`ROW_NUMBER() OVER (PARTITION BY <lookup> …)`) and keeps the first n. run.ts nests the rows.
 */
import type { Subquery } from '@jetstreamapp/soql-parser-js';

import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SqlValue } from '../storage/codec.ts';
import { quoteIdent } from '../storage/ddl.ts';
import { isAggregateQuery } from './aggregate.ts';
import { FieldResolver } from './field-resolver.ts';
import { fromSql, notDeletedSql } from './from-clause.ts';
import { orderBySql, recordOrderTerm } from './order-by.ts';
import type { QueryText } from './query-text.ts';
import { isCountAll, planSelect } from './select.ts';
import { semiJoinCompiler } from './semi-join.ts';
import type { ChildOutput } from './types.ts';
import { rejectUnsupportedClauses } from './unsupported-clauses.ts';
import { compileWhere, type Binds } from './where.ts';
import { buildWhereTree } from './where-tree.ts';

export interface ChildContext {
  schema: SchemaRegistry;
  text: QueryText;
  binds: Binds;
  now: Date;
  includeDeleted: boolean;
}

const NO_SUCH_RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

/** Compiles the subquery of a parent query on `parent`. */
export function compileChildQuery(
  subquery: Subquery,
  parent: SObjectType,
  context: ChildContext,
): ChildOutput {
  const { schema, text } = context;
  const name = subquery.relationshipName;
  const relationship = schema.findChildRelationship(parent, name);
  const childType = relationship?.childType;
  if (relationship?.relationshipName == null || childType === undefined) {
    const message = `Didn't understand relationship '${name}' in FROM part of query call. ${NO_SUCH_RELATIONSHIP_HINT}`;
    throw text.error('INVALID_TYPE', message, text.find(name, 'FROM'));
  }
  rejectInSubquery(subquery, text);

  const resolver = new FieldResolver(childType, schema, undefined, text);
  const select = planSelect(subquery.fields ?? [], resolver, text);
  const lookup = `${quoteIdent(resolver.rootAlias)}.${quoteIdent(relationship.field.name)}`;
  const parentColumn = select.columns.length;
  const columns = [...select.columns, lookup].join(', ');

  const params: SqlValue[] = [];
  const conditions = [`${lookup} IN (SELECT value FROM json_each(?))`];
  if (subquery.where !== undefined) {
    const tree = buildWhereTree(subquery.where, text);
    const { binds, now } = context;
    const semiJoin = semiJoinCompiler({ ...context, outer: childType });
    conditions.push(compileWhere(tree, { resolver, text, binds, now, params, semiJoin }));
  }
  if (!context.includeDeleted) conditions.push(notDeletedSql(resolver.rootAlias));
  const orderBy = orderBySql(subquery.orderBy, recordOrderTerm(resolver, text));
  const from = fromSql(resolver, context.includeDeleted);
  const body = `FROM ${from} WHERE ${conditions.join(' AND ')}`;
  const sql = limitedSql(columns, body, orderBy, lookup, subquery.limit, params);

  const output = select.output.flatMap((entry) => (entry.kind === 'children' ? [] : [entry]));
  return {
    kind: 'children',
    key: relationship.relationshipName,
    query: { type: childType, sql, params, parentColumn, output },
  };
}

/** Without LIMIT, the rows in ORDER BY order; with one, each parent's first `limit` of them. */
function limitedSql(
  columns: string,
  body: string,
  orderBy: string,
  lookup: string,
  limit: number | undefined,
  params: SqlValue[],
): string {
  if (limit === undefined) return `SELECT ${columns} ${body}${orderBy}`;
  params.push(limit);
  const numbered = `ROW_NUMBER() OVER (PARTITION BY ${lookup}${orderBy}) AS "rn"`;
  return `SELECT * FROM (SELECT ${columns}, ${numbered} ${body}) WHERE "rn" <= ? ORDER BY "rn"`;
}

function hasCountAll(subquery: Subquery): boolean {
  return (subquery.fields ?? []).some(isCountAll);
}

/** What a real org refuses in a subquery, and what the emulator does not support there. */
function rejectInSubquery(subquery: Subquery, text: QueryText): void {
  if (isAggregateQuery(subquery) || subquery.having !== undefined || hasCountAll(subquery)) {
    const at = text.find(subquery.relationshipName);
    throw text.error('MALFORMED_QUERY', 'only root queries support aggregate expressions', at);
  }
  if (subquery.offset !== undefined) {
    throw text.unsupported('OFFSET in a child relationship subquery', text.find('OFFSET'));
  }
  rejectUnsupportedClauses(subquery, text);
}
