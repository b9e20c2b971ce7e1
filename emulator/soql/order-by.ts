/**
 * ORDER BY → SQL, for record queries, child subqueries and aggregate queries alike; each kind
 * says how an item becomes a SQL expression.
 *
 * SOQL's default null order (ASC NULLS FIRST, DESC NULLS LAST) is SQLite's, so only the other
 * orders are written out.
 */
import type { OrderByClause, Query } from '@jetstreamapp/soql-parser-js';

import type { FieldResolver } from './field-resolver.ts';
import type { QueryText } from './query-text.ts';

/** The SQL expression an ORDER BY item sorts on. */
export type OrderTerm = (item: OrderByClause) => string;

/** ` ORDER BY …`, or '' without ORDER BY. */
export function orderBySql(orderBy: Query['orderBy'], term: OrderTerm): string {
  const items: OrderByClause[] =
    orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  if (items.length === 0) return '';

  const terms = items.map((item) => {
    const descending = item.order?.toUpperCase() === 'DESC';
    const nulls = item.nulls?.toUpperCase();
    const defaultNulls = descending ? 'LAST' : 'FIRST';
    const nullsSql = nulls === undefined || nulls === defaultNulls ? '' : ` NULLS ${nulls}`;
    return `${term(item)}${descending ? ' DESC' : ''}${nullsSql}`;
  });
  return ` ORDER BY ${terms.join(', ')}`;
}

/** How a record query (or a child subquery) sorts: on a field, never on a long text area. */
export function recordOrderTerm(resolver: FieldResolver, text: QueryText): OrderTerm {
  return (item) => {
    if (!('field' in item) || item.field === undefined)
      throw text.unsupported('ORDER BY a function', text.clauseEnd('ORDER BY'));
    const target = resolver.resolve(item.field, 'ORDER BY');
    if (target.field.type === 'longtext') {
      const message = `field '${target.field.name}' can not be sorted in a query call`;
      throw text.error('INVALID_FIELD', message, target.locate(), [target.field.name]);
    }
    return target.sql;
  };
}
