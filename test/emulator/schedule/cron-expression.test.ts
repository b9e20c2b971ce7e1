import { describe, expect, it } from 'vitest';

import {
  CronExpressionError,
  nextFireTime,
  parseCronExpression,
} from '../../../emulator/schedule/cron-expression.ts';

/** The next fire time of `text` after `after`, as an ISO string. */
function next(text: string, after: string, timeZone = 'GMT'): string | undefined {
  return nextFireTime(parseCronExpression(text), new Date(after), timeZone)?.toISOString();
}

/** The next `count` fire times of `text` after `after`, each strictly after the one before. */
function fireTimes(text: string, after: string, count: number, timeZone = 'GMT'): string[] {
  const cron = parseCronExpression(text);
  const times: string[] = [];
  let from = new Date(after);
  for (let index = 0; index < count; index++) {
    const fire = nextFireTime(cron, from, timeZone);
    if (fire === undefined) break;
    times.push(fire.toISOString());
    from = fire;
  }
  return times;
}

/** The error `parseCronExpression` throws for `text`. */
function refusal(text: string): CronExpressionError {
  try {
    parseCronExpression(text);
  } catch (error) {
    if (error instanceof CronExpressionError) return error;
    throw error;
  }
  throw new Error(`'${text}' was accepted`);
}

describe('parseCronExpression', () => {
  it('keeps the expression exactly as written', () => {
    const cron = parseCronExpression(' 0 0 8 ? * mon-fri ');
    expect(cron.text).toBe(' 0 0 8 ? * mon-fri ');
  });

  it('reads the documented example as 10 February, 08:30:20', () => {
    expect(next('20 30 8 10 2 ?', '2026-01-01T00:00:00Z')).toBe('2026-02-10T08:30:20.000Z');
  });

  it('reads month and day names in any case', () => {
    expect(next('0 0 0 1 jul ?', '2026-01-01T00:00:00Z')).toBe('2026-07-01T00:00:00.000Z');
    expect(next('0 0 12 ? * Sat', '2026-01-01T00:00:00Z')).toBe('2026-01-03T12:00:00.000Z');
  });

  it('throws an Error named CronExpressionError', () => {
    const error = refusal('0 0 6 * * *');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CronExpressionError');
  });
});

describe('nextFireTime', () => {
  it('fires daily with * and ?, strictly after the given instant', () => {
    expect(next('0 0 6 * * ?', '2026-01-01T07:00:00Z')).toBe('2026-01-02T06:00:00.000Z');
    expect(next('0 0 6 * * ?', '2026-01-02T06:00:00Z')).toBe('2026-01-03T06:00:00.000Z');
    expect(next('0 0 6 * * ?', '2026-01-02T05:59:59.999Z')).toBe('2026-01-02T06:00:00.000Z');
  });

  it('counts the days of the week from 1 = Sunday to 7 = Saturday', () => {
    // 1 January 2026 is a Thursday.
    expect(next('0 0 8 ? * 1', '2026-01-01T00:00:00Z')).toBe('2026-01-04T08:00:00.000Z');
    expect(next('0 0 8 ? * SUN', '2026-01-01T00:00:00Z')).toBe('2026-01-04T08:00:00.000Z');
    expect(next('0 0 8 ? * 2', '2026-01-01T00:00:00Z')).toBe('2026-01-05T08:00:00.000Z');
    expect(next('0 0 8 ? * 7', '2026-01-01T00:00:00Z')).toBe('2026-01-03T08:00:00.000Z');
  });

  it('fires on weekdays only with the range MON-FRI', () => {
    // From Friday 2 January after 08:00 the next weekday is Monday 5 January.
    expect(fireTimes('0 0 8 ? * MON-FRI', '2026-01-02T09:00:00Z', 2)).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-01-06T08:00:00.000Z',
    ]);
  });

  it('fires at each value of a list with ,', () => {
    expect(fireTimes('0 15 8,17 * * ?', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-01T08:15:00.000Z',
      '2026-01-01T17:15:00.000Z',
      '2026-01-02T08:15:00.000Z',
    ]);
  });

  it('wraps a range past the end of the field, as 22-2 hours and FRI-MON', () => {
    expect(fireTimes('0 0 22-2 * * ?', '2026-01-01T03:00:00Z', 4)).toEqual([
      '2026-01-01T22:00:00.000Z',
      '2026-01-01T23:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-02T01:00:00.000Z',
    ]);
    // Monday 5 January, then Friday 9, Saturday 10, Sunday 11.
    expect(fireTimes('0 0 8 ? * FRI-MON', '2026-01-05T00:00:00Z', 4)).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-01-09T08:00:00.000Z',
      '2026-01-10T08:00:00.000Z',
      '2026-01-11T08:00:00.000Z',
    ]);
  });

  it('steps with / from a start value, from * and inside a range', () => {
    expect(fireTimes('0 0 0/6 * * ?', '2026-01-01T07:00:00Z', 3)).toEqual([
      '2026-01-01T12:00:00.000Z',
      '2026-01-01T18:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
    ]);
    expect(next('0 0 */6 * * ?', '2026-01-01T07:00:00Z')).toBe('2026-01-01T12:00:00.000Z');
    expect(fireTimes('0 0 1-10/3 * * ?', '2026-01-01T00:00:00Z', 5)).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T04:00:00.000Z',
      '2026-01-01T07:00:00.000Z',
      '2026-01-01T10:00:00.000Z',
      '2026-01-02T01:00:00.000Z',
    ]);
    expect(fireTimes('0 0 0 1/10 * ?', '2026-01-02T00:00:00Z', 3)).toEqual([
      '2026-01-11T00:00:00.000Z',
      '2026-01-21T00:00:00.000Z',
      '2026-01-31T00:00:00.000Z',
    ]);
  });

  it('reads start/step in Month as counting up to December only, so 7/6 is July alone', () => {
    expect(fireTimes('0 0 0 1 7/6 ?', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-07-01T00:00:00.000Z',
      '2027-07-01T00:00:00.000Z',
    ]);
  });

  it('fires on the nth weekday of the month with #', () => {
    // The first Monday: 5 January, 2 February, 2 March 2026.
    expect(fireTimes('0 0 12 ? * 2#1', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-05T12:00:00.000Z',
      '2026-02-02T12:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
    ]);
    expect(next('0 0 12 ? * MON#1', '2026-01-06T00:00:00Z')).toBe('2026-02-02T12:00:00.000Z');
    // A fifth Tuesday exists in March 2026 (the 31st) but not in January or February.
    expect(next('0 0 0 ? * 3#5', '2026-01-01T00:00:00Z')).toBe('2026-03-31T00:00:00.000Z');
  });

  it('fires on the last day of the month with L, 29 February in a leap year', () => {
    expect(next('0 0 0 L * ?', '2028-02-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 0 L * ?', '2027-02-01T00:00:00Z')).toBe('2027-02-28T00:00:00.000Z');
    expect(next('0 0 0 L * ?', '2026-04-01T00:00:00Z')).toBe('2026-04-30T00:00:00.000Z');
  });

  it('fires on the last such weekday with 6L, and on Saturdays with L alone in Day_of_week', () => {
    // The last Friday of January 2026 is the 30th, of February the 27th.
    expect(fireTimes('0 0 0 ? * 6L', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-30T00:00:00.000Z',
      '2026-02-27T00:00:00.000Z',
    ]);
    expect(next('0 0 0 ? * FRIL', '2026-01-01T00:00:00Z')).toBe('2026-01-30T00:00:00.000Z');
    expect(fireTimes('0 0 0 ? * L', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-03T00:00:00.000Z',
      '2026-01-10T00:00:00.000Z',
    ]);
  });

  it('moves 15W to the nearest weekday when the 15th falls on a weekend', () => {
    // 15 August 2026 is a Saturday: Friday the 14th. 15 February 2026 is a Sunday: Monday the 16th.
    expect(next('0 0 0 15W * ?', '2026-08-01T00:00:00Z')).toBe('2026-08-14T00:00:00.000Z');
    expect(next('0 0 0 15W * ?', '2026-02-01T00:00:00Z')).toBe('2026-02-16T00:00:00.000Z');
    // 15 January 2026 is a Thursday: the 15th itself.
    expect(next('0 0 0 15W * ?', '2026-01-01T00:00:00Z')).toBe('2026-01-15T00:00:00.000Z');
  });

  it('keeps W inside the month: 1W on a Saturday the 1st is Monday the 3rd', () => {
    // 1 August 2026 is a Saturday.
    expect(next('0 0 0 1W * ?', '2026-07-15T00:00:00Z')).toBe('2026-08-03T00:00:00.000Z');
  });

  it('fires on the last weekday of the month with LW', () => {
    // 31 January 2026 is a Saturday: Friday the 30th. 31 May 2026 is a Sunday: Friday the 29th.
    expect(next('0 0 0 LW * ?', '2026-01-01T00:00:00Z')).toBe('2026-01-30T00:00:00.000Z');
    expect(next('0 0 0 LW * ?', '2026-05-01T00:00:00Z')).toBe('2026-05-29T00:00:00.000Z');
    // 31 March 2026 is a Tuesday.
    expect(next('0 0 0 LW * ?', '2026-03-01T00:00:00Z')).toBe('2026-03-31T00:00:00.000Z');
  });

  it('fires once in its only year, then never again', () => {
    const cron = parseCronExpression('0 0 0 1 1 ? 2027');
    const first = nextFireTime(cron, new Date('2026-06-01T00:00:00Z'), 'GMT');
    expect(first?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(first && nextFireTime(cron, first, 'GMT')).toBeUndefined();
  });

  it('fires only in the listed years and stops after the last one', () => {
    expect(fireTimes('0 0 0 1 1 ? 2027,2029-2030', '2026-01-01T00:00:00Z', 4)).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2029-01-01T00:00:00.000Z',
      '2030-01-01T00:00:00.000Z',
    ]);
    expect(fireTimes('0 0 0 1 1 ? 2026/2', '2025-06-01T00:00:00Z', 2)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2028-01-01T00:00:00.000Z',
    ]);
  });

  it('never fires when its year is past or its day never occurs', () => {
    expect(next('0 0 0 1 1 ? 2020', '2026-01-01T00:00:00Z')).toBeUndefined();
    expect(next('0 0 0 30 2 ?', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('reads the hours in the given time zone, across the spring DST change', () => {
    // Los Angeles: 08:00 PST is 16:00Z; from 8 March 2026 08:00 PDT is 15:00Z.
    expect(fireTimes('0 0 8 * * ?', '2026-03-07T00:00:00Z', 3, 'America/Los_Angeles')).toEqual([
      '2026-03-07T16:00:00.000Z',
      '2026-03-08T15:00:00.000Z',
      '2026-03-09T15:00:00.000Z',
    ]);
  });

  it('reads the hours in the given time zone, across the autumn DST change', () => {
    expect(fireTimes('0 0 8 * * ?', '2026-10-31T00:00:00Z', 3, 'America/Los_Angeles')).toEqual([
      '2026-10-31T15:00:00.000Z',
      '2026-11-01T16:00:00.000Z',
      '2026-11-02T16:00:00.000Z',
    ]);
  });

  it('fires a time that the spring change skips when the gap ends, the same day', () => {
    // 02:30 does not exist in Los Angeles on 8 March 2026: it fires at 03:00 PDT (10:00Z).
    expect(fireTimes('0 30 2 * * ?', '2026-03-08T08:00:00Z', 2, 'America/Los_Angeles')).toEqual([
      '2026-03-08T10:00:00.000Z',
      '2026-03-09T09:30:00.000Z',
    ]);
  });

  it('fires a time that the autumn change repeats once, at its first occurrence', () => {
    // 01:30 happens twice in Los Angeles on 1 November 2026: at 08:30Z (PDT) and 09:30Z (PST).
    expect(fireTimes('0 30 1 * * ?', '2026-11-01T07:00:00Z', 2, 'America/Los_Angeles')).toEqual([
      '2026-11-01T08:30:00.000Z',
      '2026-11-02T09:30:00.000Z',
    ]);
  });

  it('takes GMT and other IANA time zones', () => {
    expect(next('0 0 0 * * ?', '2026-01-01T00:00:00Z', 'Asia/Kolkata')).toBe(
      '2026-01-01T18:30:00.000Z',
    );
    expect(next('0 0 9 ? * 2', '2026-06-01T00:00:00Z', 'Europe/London')).toBe(
      '2026-06-01T08:00:00.000Z',
    );
  });

  it('refuses an unknown time zone with a RangeError naming it', () => {
    const cron = parseCronExpression('0 0 0 * * ?');
    expect(() => nextFireTime(cron, new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(
      new RangeError(
        "Unknown time zone 'Mars/Olympus': use an IANA time zone such as America/Los_Angeles, or GMT",
      ),
    );
  });
});

describe('parseCronExpression refuses', () => {
  it.each([
    // Day fields: exactly one must be ?.
    [
      '0 0 6 * * *',
      'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.',
    ],
    [
      '0 0 0 1 * MON',
      'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.',
    ],
    ['0 0 6 ? * ?', "'?' can only be specified for Day-of-Month -OR- Day-of-Week."],
    ['0 0 ? * * ?', "'?' can only be specified for Day-of-Month or Day-of-Week."],
    ['0 0 0 ?1 * ?', "Illegal character after '?': 1"],
    ['0 0 0 1,? * ?', "'?' must be the only value of the Day-of-Month field: '1,?'"],

    // Field count.
    ['0 0 6 * *', 'Unexpected end of expression.'],
    ['', 'Unexpected end of expression.'],
    ['0 0 6 * * ? 2026 1', 'Invalid expression has too many terms: 0 0 6 * * ? 2026 1'],

    // Seconds and minutes take plain integers.
    ['0 0/6 * * * ?', 'Seconds and minutes must be specified as integers: 0 0/6 * * * ?'],
    ['0 */15 * * * ?', 'Seconds and minutes must be specified as integers: 0 */15 * * * ?'],
    ['0 0,30 * * * ?', 'Seconds and minutes must be specified as integers: 0 0,30 * * * ?'],
    ['* 0 * * * ?', 'Seconds and minutes must be specified as integers: * 0 * * * ?'],

    // Values out of range.
    ['60 0 0 * * ?', 'Minute and Second values must be between 0 and 59'],
    ['0 60 0 * * ?', 'Minute and Second values must be between 0 and 59'],
    ['0 0 24 * * ?', 'Hour values must be between 0 and 23'],
    ['0 0 0 32 * ?', 'Day of month values must be between 1 and 31'],
    ['0 0 0 0 * ?', 'Day of month values must be between 1 and 31'],
    ['0 0 0 1 13 ?', 'Month values must be between 1 and 12'],
    ['0 0 0 ? * 8', 'Day-of-Week values must be between 1 and 7'],
    ['0 0 0 ? * 0', 'Day-of-Week values must be between 1 and 7'],
    ['0 0 0 ? * 0L', 'Day-of-Week values must be between 1 and 7'],
    ['0 0 0 1 1 ? 2100', 'Year values must be between 1970 and 2099'],
    ['0 0 0 1 1 ? 1969', 'Year values must be between 1970 and 2099'],

    // Names.
    ['0 0 0 ? FOO *', "Invalid Month value: 'FOO'"],
    ['0 0 0 ? * FUN', "Invalid Day-of-Week value: 'FUN'"],
    ['0 0 0 ? * MONDAY', "Invalid Day-of-Week value: 'MONDAY'"],
    ['0 0 MON * * ?', "Illegal characters for this position: 'MON'"],

    // Special characters out of place.
    ['0 0 % * * ?', 'Unexpected character: %'],
    ['0 0 5L * * ?', "'L' option is not valid here. (pos=1)"],
    ['0 0 0 ? * 5W', "'W' option is not valid here. (pos=1)"],
    ['0 0 1#2 * * ?', "'#' option is not valid here. (pos=1)"],
    ['0 0 0 ? * 2#6', "A numeric value between 1 and 5 must follow the '#' option"],
    ['0 0 0 ? * 2#', "A numeric value between 1 and 5 must follow the '#' option"],
    ['0 0 0 ? * 2#1,3#2', 'Support for specifying multiple "nth" days is not implemented.'],
    [
      '0 0 0 ? * 2#1,3',
      "The '#' option takes a single day of the week, not a list or range: '2#1,3'",
    ],
    ['0 0 0 ? * 6L,2', "Support for specifying 'L' with other days of the week is not implemented"],
    [
      '0 0 0 ? * 2-6L',
      "The 'L' option takes a single day of the week, not a list or range: '2-6L'",
    ],
    [
      '0 0 0 L,5 * ?',
      "Support for specifying 'L' and 'LW' with other days of the month is not implemented",
    ],
    [
      '0 0 0 1W,15W * ?',
      "The 'W' option takes a single day of the month, not a list or range: '1W,15W'",
    ],
    [
      '0 0 0 32W * ?',
      "The 'W' option does not make sense with values larger than 31 (max number of days in a month)",
    ],
    [
      '0 0 0 L-3 * ?',
      "Offsets from the last day of the month such as 'L-3' are not supported by aflo-emu: use L or LW",
    ],

    // Ranges and increments.
    ['0 0 */ * * ?', "'/' must be followed by an integer."],
    ['0 0 */x * * ?', "'/' must be followed by an integer."],
    ['0 0 */30 * * ?', 'Increment > 24 : 30'],
    ['0 0 0 ? * */8', 'Increment > 7 : 8'],
    ['0 0 */0 * * ?', "The increment after '/' must be 1 or more in the Hours field: '*/0'"],
    [
      '0 0 1- * * ?',
      "Illegal range in the Hours field: '1-'; write it as start-end, for example 1-5",
    ],
    ['0 0 1,,2 * * ?', "The Hours field has an empty value in '1,,2': remove the extra comma"],
    [
      '0 0 0 1 1 ? 2030-2027',
      'Illegal cron expression format (java.lang.IllegalArgumentException: Start year must be less than stop year)',
    ],
  ])('%j', (text, message) => {
    expect(refusal(text).message).toBe(message);
  });

  it('reports the first bad field before a missing one', () => {
    expect(refusal('0 0 25 * *').message).toBe('Hour values must be between 0 and 23');
  });
});
