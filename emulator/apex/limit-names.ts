/**
 * The `Limits` methods a script can call, canonical spelling. Each is answered by the host from
 * the running transaction's usage (apex-api.ts `Limits`); others are unsupported constructs.
 */

export const LIMIT_NAMES = [
  'getQueries',
  'getLimitQueries',
  'getDmlStatements',
  'getLimitDmlStatements',
  'getDmlRows',
  'getLimitDmlRows',
  'getCallouts',
  'getLimitCallouts',
  'getQueueableJobs',
  'getLimitQueueableJobs',
] as const;

export type LimitName = (typeof LIMIT_NAMES)[number];

/** The limit method `Limits.<name>` denotes, in any case. */
export function limitNamed(name: string): LimitName | undefined {
  const lower = name.toLowerCase();
  return LIMIT_NAMES.find((limit) => limit.toLowerCase() === lower);
}
