/**
 * Salesforce cron expressions, as `System.schedule` takes them (Quartz dialect):
 *
 *     Seconds Minutes Hours Day_of_month Month Day_of_week [Year]
 *
 * with `, - * ? / L W #`, months 1–12 or JAN–DEC, days of the week 1–7 or SUN–SAT (1 = Sunday),
 * the year 1970–2099, and exactly one of the two day fields `?`. Seconds and minutes take a
 * single integer: the platform refuses lists, ranges and increments there.
 *
 * Parsing and validation are ours (`cron-value-list.ts`, `cron-day-fields.ts`), with the
 * platform's messages; the fire-time arithmetic (calendars, time zones, DST) is croner's, fed a
 * translated pattern (`croner-pattern.ts`). Known differences: docs/fidelity.md.
 */

import { Cron } from 'croner';

import { CronExpressionError, cronMessages } from './cron-expression-error.ts';
import { HOURS, MINUTES, MONTH, SECONDS, YEAR } from './cron-fields.ts';
import type { CronFields } from './cron-fields.ts';
import { parseDayOfMonth, parseDayOfWeek } from './cron-day-fields.ts';
import { parseSecondOrMinute, parseValueList } from './cron-value-list.ts';
import { cronerOptions, toCronerPattern } from './croner-pattern.ts';

export { CronExpressionError } from './cron-expression-error.ts';
export type { CronFields, DayOfMonthRule, DayOfWeekRule, FieldValues } from './cron-fields.ts';

/** A valid cron expression. */
export interface CronExpression {
  /** The expression exactly as written, as `CronTrigger.CronExpression` stores it. */
  readonly text: string;
  /** Its fields, parsed. */
  readonly fields: CronFields;
}

/**
 * Parses and validates a cron expression the way `System.schedule` does.
 * Throws `CronExpressionError` with the platform's `System.StringException` message.
 */
export function parseCronExpression(text: string): CronExpression {
  const tokens = text.trim() === '' ? [] : text.trim().split(/\s+/);
  if (tokens.length > 7) throw new CronExpressionError(cronMessages.tooManyTerms(text));

  const fields = parseFields(tokens, text);
  if (fields.dayOfMonth.kind !== 'unspecified' && fields.dayOfWeek.kind !== 'unspecified') {
    throw new CronExpressionError(cronMessages.bothDaysSpecified);
  }
  return Object.freeze({ text, fields: Object.freeze(fields) });
}

/** Quartz reads the fields left to right and reports the first bad one, then a missing one. */
function parseFields(tokens: readonly string[], text: string): CronFields {
  const field = <T>(index: number, parse: (token: string) => T): T | undefined => {
    const token = tokens[index];
    return token === undefined ? undefined : parse(token);
  };

  const second = field(0, (token) => parseSecondOrMinute(token, SECONDS, text));
  const minute = field(1, (token) => parseSecondOrMinute(token, MINUTES, text));
  const hours = field(2, (token) => parseValueList(token, HOURS));
  const dayOfMonth = field(3, parseDayOfMonth);
  const months = field(4, (token) => parseValueList(token, MONTH));
  const dayOfWeekToken = tokens[5];
  if (
    second === undefined ||
    minute === undefined ||
    hours === undefined ||
    dayOfMonth === undefined ||
    months === undefined ||
    dayOfWeekToken === undefined
  ) {
    throw new CronExpressionError(cronMessages.unexpectedEnd);
  }

  const dayOfWeek = parseDayOfWeek(dayOfWeekToken, dayOfMonth);
  const years = field(6, (token) => parseValueList(token, YEAR)) ?? 'every';
  return { second, minute, hours, dayOfMonth, months, dayOfWeek, years };
}

/**
 * The first fire time strictly after `after`, with the expression read in `timeZone`: an IANA
 * name or `GMT`, as a user's TimeZoneSidKey is. Undefined when it never fires again (its
 * years are past, or its days never occur, like 30 February). Wall-clock times that DST skips
 * or repeats follow croner: a skipped time fires when the gap ends, a repeated one fires once.
 */
export function nextFireTime(
  cron: CronExpression,
  after: Date,
  timeZone: string,
): Date | undefined {
  if (Number.isNaN(after.getTime())) throw new RangeError('nextFireTime needs a valid Date');
  checkTimeZone(timeZone);

  const schedule = new Cron(toCronerPattern(cron.fields), cronerOptions(timeZone));
  return schedule.nextRun(after) ?? undefined;
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(
      `Unknown time zone '${timeZone}': use an IANA time zone such as America/Los_Angeles, or GMT`,
    );
  }
}
