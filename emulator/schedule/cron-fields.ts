/**
 * The seven fields of a Salesforce cron expression, as parsed: what each field allows, and the
 * shape a parsed field takes. Numbers are Salesforce's own: months 1–12, days of the week 1–7
 * with 1 = Sunday. Translating them for the evaluation library happens in `croner-pattern.ts`.
 */

/** The allowed values of a field, ascending, without duplicates. */
export type ValueSet = readonly number[];

/** A field that is either `*` (every value) or a set of values. */
export type FieldValues = 'every' | ValueSet;

/** The Day_of_month field. */
export type DayOfMonthRule =
  /** `?`: the day is chosen by Day_of_week. */
  | { readonly kind: 'unspecified' }
  | { readonly kind: 'every' }
  | { readonly kind: 'days'; readonly days: ValueSet }
  /** `L`: the last day of the month. */
  | { readonly kind: 'last' }
  /** `LW`: the last weekday (Monday to Friday) of the month. */
  | { readonly kind: 'lastWeekday' }
  /** `15W`: the weekday nearest the 15th, within the month. */
  | { readonly kind: 'nearestWeekday'; readonly day: number };

/** The Day_of_week field; `day` is 1 (Sunday) to 7 (Saturday). */
export type DayOfWeekRule =
  /** `?`: the day is chosen by Day_of_month. */
  | { readonly kind: 'unspecified' }
  | { readonly kind: 'every' }
  | { readonly kind: 'days'; readonly days: ValueSet }
  /** `6L`: the last Friday of the month. */
  | { readonly kind: 'last'; readonly day: number }
  /** `2#1`: the first Monday of the month. */
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number };

/** A parsed cron expression, field by field. */
export interface CronFields {
  readonly second: number;
  readonly minute: number;
  readonly hours: FieldValues;
  readonly dayOfMonth: DayOfMonthRule;
  readonly months: FieldValues;
  readonly dayOfWeek: DayOfWeekRule;
  /** `every` when the optional year field is absent or `*`. */
  readonly years: FieldValues;
}

/** What one numeric field accepts, and the platform's words when a value falls outside it. */
export interface FieldSpec {
  /** The field's name as the platform's messages spell it: `Day-of-Week`. */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Three-letter names (upper case) and their numbers, for Month and Day_of_week. */
  readonly names?: ReadonlyMap<string, number>;
  /** The message for a value outside min–max. */
  readonly rangeMessage: string;
  /** The largest increment after `/`, and the message past it; none for years. */
  readonly maxIncrement?: { readonly value: number; readonly message: string };
  /**
   * Whether a range may wrap around (`22-2` hours = 22, 23, 0, 1, 2; `FRI-MON`). Quartz wraps
   * every field but the year, where a reversed range is an error.
   */
  readonly wraps: boolean;
}

const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function numbered(names: readonly string[]): ReadonlyMap<string, number> {
  return new Map(names.map((name, index) => [name, index + 1]));
}

/** Seconds and minutes take a single integer only (see `parseSecondOrMinute`). */
export const SECONDS: FieldSpec = {
  label: 'Seconds',
  min: 0,
  max: 59,
  rangeMessage: 'Minute and Second values must be between 0 and 59',
  wraps: true,
};

export const MINUTES: FieldSpec = { ...SECONDS, label: 'Minutes' };

export const HOURS: FieldSpec = {
  label: 'Hours',
  min: 0,
  max: 23,
  rangeMessage: 'Hour values must be between 0 and 23',
  maxIncrement: { value: 23, message: 'Increment > 24' },
  wraps: true,
};

export const DAY_OF_MONTH: FieldSpec = {
  label: 'Day-of-Month',
  min: 1,
  max: 31,
  rangeMessage: 'Day of month values must be between 1 and 31',
  maxIncrement: { value: 31, message: 'Increment > 31' },
  wraps: true,
};

export const MONTH: FieldSpec = {
  label: 'Month',
  min: 1,
  max: 12,
  names: numbered(MONTH_NAMES),
  rangeMessage: 'Month values must be between 1 and 12',
  maxIncrement: { value: 12, message: 'Increment > 12' },
  wraps: true,
};

export const DAY_OF_WEEK: FieldSpec = {
  label: 'Day-of-Week',
  min: 1,
  max: 7,
  names: numbered(DAY_NAMES),
  rangeMessage: 'Day-of-Week values must be between 1 and 7',
  maxIncrement: { value: 7, message: 'Increment > 7' },
  wraps: true,
};

/** Salesforce documents 1970–2099 for the optional year (Quartz itself goes further). */
export const YEAR: FieldSpec = {
  label: 'Year',
  min: 1970,
  max: 2099,
  rangeMessage: 'Year values must be between 1970 and 2099',
  wraps: false,
};
