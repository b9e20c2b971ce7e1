/**
 * The retry policy for failed events (our design; Amberflo documents none): a failed event is
 * tried again after 1, 2, 4, … minutes (the Apex delay granularity is a minute) until it has been
 * tried `maxAttempts` times (AFLO__Settings__c.AFLO__MaxAttempts__c, default 3); then it stays
 * `Failed` with no next attempt. See docs/async-events.md.
 */

/** When to try again after `attempts` failed tries, or null when there are no tries left. */
export function nextAttemptAfter(now: Date, attempts: number, maxAttempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  const minutes = 2 ** Math.max(0, attempts - 1);
  return new Date(now.getTime() + minutes * 60_000);
}
