/**
 * Clauses the emulator does not implement, refused with a MALFORMED_QUERY that names them (see
 * docs/fidelity.md), for the top-level query and child subqueries alike.
 */
import type { Query, Subquery } from '@jetstreamapp/soql-parser-js';

import type { QueryText } from './query-text.ts';

export function rejectUnsupportedClauses(query: Query | Subquery, text: QueryText): void {
  const reject = (feature: string, keyword: string): never => {
    throw text.unsupported(feature, text.find(keyword));
  };
  if (query.withDataCategory !== undefined) reject('WITH DATA CATEGORY', 'WITH');
  if (query.withSecurityEnforced === true) reject('WITH SECURITY_ENFORCED', 'WITH');
  if (query.withAccessLevel !== undefined) reject(`WITH ${query.withAccessLevel}`, 'WITH');
  if (query.usingScope !== undefined) reject('USING SCOPE', 'USING');
  // FOR UPDATE locks rows for the transaction; the emulator runs one transaction at a time.
  if (query.for !== undefined && query.for !== 'UPDATE') reject(`FOR ${query.for}`, 'FOR');
  if (query.update !== undefined) reject(`UPDATE ${query.update}`, 'UPDATE');
}
