/**
 * The scenario file format of `aflo-emu replay`, as zod schemas and the types inferred from them.
 * A scenario is a header (name, the fake's seed data, the start of the virtual clock) and a list
 * of steps; each step has exactly one action key (`insert`, `update`, …, `expect`), which decides
 * the schema it is checked against (see parse-scenario.ts).
 */
import { z } from 'zod';
import { faultRuleSchema } from '../../fixtures/amberflo/index.ts';
import { expectationsSchema } from './expectation-schema.ts';

/** The virtual clock's start when a scenario names none. */
export const DEFAULT_SCENARIO_CLOCK = '2026-01-01T06:00:00.000Z';

/** The package's callout timeout in a replay unless the scenario sets one, in milliseconds. */
export const DEFAULT_CALLOUT_TIMEOUT_MS = 1000;

/** A transaction may write at most 10,000 DML rows, so one step may not insert more. */
export const MAX_RECORDS_PER_STEP = 10_000;

/** A field value as JSON can say it; `"@name"` and `{n}` are resolved by record-names.ts. */
const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const fieldValuesSchema = z.record(z.string().min(1), fieldValueSchema);

/** A name given with `"as"`, used bare as a step target and with `@` in values. */
const recordNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_-]*$/,
    'must be a name of letters, digits, _ and - (given with "as", written without "@"), e.g. "acme"',
  );

/** Any step may carry a note, printed after the step; JSON has no comments. */
const note = z.string().optional();

/** `insert`: one statement of 1, `count` or `records.length` records, named with `as`. */
const insertStepSchema = z
  .strictObject({
    insert: z.string().min(1, 'must name an sObject type, e.g. "AFLO__Customer__c"'),
    as: recordNameSchema.optional(),
    values: fieldValuesSchema.optional(),
    count: z.int().min(1).max(MAX_RECORDS_PER_STEP).optional(),
    records: z.array(fieldValuesSchema).min(1).max(MAX_RECORDS_PER_STEP).optional(),
    note,
  })
  .superRefine((step, context) => {
    if ((step.values === undefined) === (step.records === undefined)) {
      const message =
        step.values === undefined
          ? 'is missing: give "values" (with an optional "count") or "records"'
          : 'give either "values" (with an optional "count") or "records", not both';
      context.addIssue({ code: 'custom', path: ['values'], message });
    }
    if (step.count !== undefined && step.records !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['count'],
        message: 'goes with "values"; "records" already says how many',
      });
    }
  });

/** `update`: the same values on every record of a name. */
const updateStepSchema = z.strictObject({
  update: recordNameSchema,
  values: fieldValuesSchema,
  note,
});

/** `delete`: the records of a name, to the recycle bin. */
const deleteStepSchema = z.strictObject({ delete: recordNameSchema, note });

/** `undelete`: the records of a name, back from the recycle bin. */
const undeleteStepSchema = z.strictObject({ undelete: recordNameSchema, note });

/** `find`: names the records a SOQL query finds. */
const findStepSchema = z.strictObject({
  find: z.string().min(1, 'must be a SOQL query selecting Id'),
  as: recordNameSchema,
  note,
});

/** `apex`: anonymous Apex, which must succeed unless `expectFailure` says otherwise. */
const apexStepSchema = z.strictObject({
  apex: z.string().min(1, 'must be the anonymous Apex to run'),
  /** `true`: the script must fail; a string: its failure message must contain that text. */
  expectFailure: z.union([z.boolean(), z.string().min(1)]).optional(),
  note,
});

/** `faults`: replaces the fake's fault rules. */
const faultsStepSchema = z.strictObject({
  /** The fake's own fault rules, or a bare rate: that share of all requests answer 500. */
  faults: z.union([z.array(faultRuleSchema), z.number().min(0).max(1)]),
  /** Seeds the fault rates (one seed per scenario: the fake is started with it). */
  seed: z.int().optional(),
  note,
});

/** `clearFaults`: removes every fault rule. */
const clearFaultsStepSchema = z.strictObject({ clearFaults: z.literal(true), note });

/** `drain`: runs queued jobs; `wait` (default true) also those queued for later. */
const drainStepSchema = z.strictObject({
  drain: z.union([z.literal(true), z.strictObject({ wait: z.boolean().optional() })]),
  note,
});

/** `30s`, `5m`, `2h`, `1d`. */
export const DURATION = /^(\d+)(s|m|h|d)$/;

const MAX_ADVANCE_MS = 3650 * 86_400_000;
const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration's length in milliseconds, or Infinity when it is not one. */
export function durationMs(text: string): number {
  const match = DURATION.exec(text);
  return match === null
    ? Infinity
    : Number(match[1]) * (DURATION_UNIT_MS[match[2] ?? ''] ?? Infinity);
}

/** `advance`: moves the virtual clock. */
const advanceStepSchema = z.strictObject({
  advance: z
    .string()
    .regex(DURATION, 'must be a whole number and a unit: 30s, 5m, 2h or 1d')
    // A malformed duration is the regex's problem alone (durationMs gives it Infinity).
    .refine(
      (text) => !DURATION.test(text) || durationMs(text) <= MAX_ADVANCE_MS,
      'must be at most 3650d (ten years)',
    ),
  note,
});

/** `retry`: makes every Failed async event due now. */
const retryStepSchema = z.strictObject({ retry: z.literal('failed'), note });

/** `expect`: checks on the org and the fake (expectation-schema.ts). */
const expectStepSchema = z.strictObject({ expect: expectationsSchema, note });

/** Each step kind by its action key, in the order the help lists them. */
export const STEP_SCHEMAS = {
  insert: insertStepSchema,
  update: updateStepSchema,
  delete: deleteStepSchema,
  undelete: undeleteStepSchema,
  find: findStepSchema,
  apex: apexStepSchema,
  faults: faultsStepSchema,
  clearFaults: clearFaultsStepSchema,
  drain: drainStepSchema,
  advance: advanceStepSchema,
  retry: retryStepSchema,
  expect: expectStepSchema,
} as const;

/** A step's action key. */
export type StepKind = keyof typeof STEP_SCHEMAS;

/** The action keys, in the order messages list them. */
export const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];

/** A checked step, tagged with its kind. */
export type Step = {
  [K in StepKind]: { kind: K } & z.output<(typeof STEP_SCHEMAS)[K]>;
}[StepKind];

/** An `insert` step. */
export type InsertStep = Extract<Step, { kind: 'insert' }>;

/** A record's field values as the file gives them, before `@name` and `{n}` are resolved. */
export type FieldValues = z.output<typeof fieldValuesSchema>;

/** The scenario's keys; its steps are checked one by one, each by its action key. */
export const scenarioHeaderSchema = z.strictObject({
  name: z.string().min(1, 'must not be empty'),
  description: z.string().optional(),
  amberflo: z.enum(['fixtures', 'empty']).optional(),
  clock: z.iso
    .datetime({ offset: true, error: 'must be an ISO date-time such as 2026-01-01T06:00:00.000Z' })
    .optional(),
  calloutTimeoutMs: z.int().min(1).max(120_000).optional(),
  /** Seeds the fake's fault rates and the ids it makes; default 1. */
  seed: z.int().optional(),
  steps: z.array(z.unknown()).min(1, 'must list at least one step'),
});

/** A scenario whose every step is checked, with the file it came from. */
export interface Scenario {
  /** The path as the user gave it; every message about the scenario starts with it. */
  file: string;
  name: string;
  description?: string;
  amberflo: 'fixtures' | 'empty';
  clock: string;
  calloutTimeoutMs: number;
  seed: number;
  steps: Step[];
}
