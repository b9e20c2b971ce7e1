/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:30`, `THIS_QUARTER`, …) as half-open ranges of UTC
 * days, `[start, end)`.
 *
 * design choice: a real org starts ranges at midnight in the running user's time zone; the
 * emulator's user is on UTC. Weeks start on Sunday (the en_US locale). The fiscal year is the
 * calendar year, as on an org that keeps the default fiscal settings, so the `*_FISCAL_*`
 * literals equal their calendar counterparts.
 */

type Unit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

export interface DateRange {
  /** Midnight UTC of the first day in the range. */
  start: Date;
  /** Midnight UTC of the first day after the range. */
  end: Date;
}

/** Literals without a number: unit, then the range in units relative to the current one. */
const FIXED: Record<string, [Unit, number, number]> = {
  YESTERDAY: ['DAY', -1, 0],
  TODAY: ['DAY', 0, 1],
  TOMORROW: ['DAY', 1, 2],
  LAST_90_DAYS: ['DAY', -90, 1],
  NEXT_90_DAYS: ['DAY', 1, 91],
};
for (const unit of ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const) {
  for (const fiscal of unit === 'QUARTER' || unit === 'YEAR' ? ['', 'FISCAL_'] : ['']) {
    FIXED[`LAST_${fiscal}${unit}`] = [unit, -1, 0];
    FIXED[`THIS_${fiscal}${unit}`] = [unit, 0, 1];
    FIXED[`NEXT_${fiscal}${unit}`] = [unit, 1, 2];
  }
}

const WITH_N = /^(?:(LAST|NEXT)_N_|(N)_)(?:FISCAL_)?(DAY|WEEK|MONTH|QUARTER|YEAR)S(_AGO)?$/;

/**
 * The range a date literal covers at `now`, or undefined for a name that is not a date literal.
 * `n` is the number after the colon of `LAST_N_DAYS:n` and its kin.
 */
export function dateLiteralRange(
  name: string,
  n: number | undefined,
  now: Date,
): DateRange | undefined {
  const upper = name.toUpperCase();
  const fixed = FIXED[upper];
  if (fixed !== undefined && n === undefined) return rangeOf(fixed, now);

  const match = WITH_N.exec(upper);
  if (match === null || n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  const [, direction, ago, unitName, agoSuffix] = match;
  const unit = unitName as Unit;
  if (direction === 'LAST' && agoSuffix === undefined) {
    // LAST_N_DAYS includes today; LAST_N_WEEKS and the others end where the current unit starts.
    return rangeOf([unit, -n, unit === 'DAY' ? 1 : 0], now);
  }
  if (direction === 'NEXT' && agoSuffix === undefined) return rangeOf([unit, 1, 1 + n], now);
  if (ago === 'N' && agoSuffix === '_AGO') return rangeOf([unit, -n, -n + 1], now);
  return undefined;
}

function rangeOf([unit, from, to]: [Unit, number, number], now: Date): DateRange {
  const current = startOf(unit, now);
  return { start: add(current, unit, from), end: add(current, unit, to) };
}

function startOf(unit: Unit, now: Date): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = now.getUTCDate();
  switch (unit) {
    case 'DAY':
      return new Date(Date.UTC(year, month, day));
    case 'WEEK':
      return new Date(Date.UTC(year, month, day - now.getUTCDay()));
    case 'MONTH':
      return new Date(Date.UTC(year, month, 1));
    case 'QUARTER':
      return new Date(Date.UTC(year, month - (month % 3), 1));
    case 'YEAR':
      return new Date(Date.UTC(year, 0, 1));
  }
}

function add(date: Date, unit: Unit, count: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  switch (unit) {
    case 'DAY':
      return new Date(Date.UTC(year, month, day + count));
    case 'WEEK':
      return new Date(Date.UTC(year, month, day + 7 * count));
    case 'MONTH':
      return new Date(Date.UTC(year, month + count, 1));
    case 'QUARTER':
      return new Date(Date.UTC(year, month + 3 * count, 1));
    case 'YEAR':
      return new Date(Date.UTC(year + count, 0, 1));
  }
}
