/**
 * The error a bad cron expression raises, and its messages.
 *
 * `System.schedule` reports a bad expression as a `System.StringException` whose message is the
 * one its Quartz-derived parser gives. Where that wording is known (Quartz's `CronExpression`
 * source) the messages below use it word for word, odd spacing included (`Increment > 24 : 30`);
 * the rest, marked "ours", are plain sentences naming the field and the bad token, for input
 * where Quartz would dump a Java exception or silently misread the field. See docs/fidelity.md.
 */

/** A cron expression that `System.schedule` would refuse; the message is the platform's. */
export class CronExpressionError extends Error {
  override readonly name = 'CronExpressionError';
}

/** Messages, by the mistake they report. */
export const cronMessages = {
  // Quartz's words.
  unexpectedEnd: 'Unexpected end of expression.',
  tooManyTerms: (text: string) => `Invalid expression has too many terms: ${text}`,
  bothDaysSpecified:
    'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.',
  questionMarkField: "'?' can only be specified for Day-of-Month or Day-of-Week.",
  questionMarkTwice: "'?' can only be specified for Day-of-Month -OR- Day-of-Week.",
  afterQuestionMark: (character: string) => `Illegal character after '?': ${character}`,
  unexpectedCharacter: (character: string) => `Unexpected character: ${character}`,
  illegalCharacters: (token: string) => `Illegal characters for this position: '${token}'`,
  invalidName: (label: string, token: string) => `Invalid ${label} value: '${token}'`,
  optionNotValidHere: (option: string, position: number) =>
    `'${option}' option is not valid here. (pos=${position})`,
  slashNeedsInteger: "'/' must be followed by an integer.",
  incrementTooLarge: (message: string, increment: number) => `${message} : ${increment}`,
  nthNeedsNumber: "A numeric value between 1 and 5 must follow the '#' option",
  multipleNth: 'Support for specifying multiple "nth" days is not implemented.',
  lastWithOtherWeekdays:
    "Support for specifying 'L' with other days of the week is not implemented",
  lastWithOtherMonthDays:
    "Support for specifying 'L' and 'LW' with other days of the month is not implemented",
  weekdayPastMonthEnd:
    "The 'W' option does not make sense with values larger than 31 (max number of days in a month)",
  reversedYears:
    'Illegal cron expression format (java.lang.IllegalArgumentException: Start year must be less than stop year)',

  // Reported on the platform for a seconds or minutes field that is not a plain number; the
  // exact wording could not be confirmed (see docs/fidelity.md).
  secondsAndMinutesIntegers: (text: string) =>
    `Seconds and minutes must be specified as integers: ${text}`,

  // Ours.
  emptyValue: (label: string, token: string) =>
    `The ${label} field has an empty value in '${token}': remove the extra comma`,
  illegalRange: (label: string, token: string) =>
    `Illegal range in the ${label} field: '${token}'; write it as start-end, for example 1-5`,
  zeroIncrement: (label: string, token: string) =>
    `The increment after '/' must be 1 or more in the ${label} field: '${token}'`,
  questionMarkAlone: (label: string, token: string) =>
    `'?' must be the only value of the ${label} field: '${token}'`,
  nearestWeekdayAlone: (token: string) =>
    `The 'W' option takes a single day of the month, not a list or range: '${token}'`,
  nthAlone: (token: string) =>
    `The '#' option takes a single day of the week, not a list or range: '${token}'`,
  lastWeekdayAlone: (token: string) =>
    `The 'L' option takes a single day of the week, not a list or range: '${token}'`,
  lastDayOffset: (token: string) =>
    `Offsets from the last day of the month such as '${token}' are not supported by aflo-emu: use L or LW`,
} as const;
