/**
 * Reading a scenario file: JSON, the header, each step by its action key, then the record names
 * and the fault seed. Every problem found is reported, each as `<file>: <path>: <what is wrong>`,
 * so an author fixes a file in one go; a file with any problem is not run.
 */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_CALLOUT_TIMEOUT_MS,
  DEFAULT_SCENARIO_CLOCK,
  STEP_KINDS,
  STEP_SCHEMAS,
  scenarioHeaderSchema,
  type Scenario,
  type Step,
  type StepKind,
} from './schema.ts';
import { checkNames, type InvalidStep } from './check-names.ts';
import { checkInsertTypes } from './check-types.ts';
import { formatPath } from '../../fixtures/amberflo/validation.ts';
import { describeZodIssues } from './schema-issues.ts';

/** A checked scenario, or every problem that keeps the file from running. */
export type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** Reads and checks one scenario file; `file` is kept as given for messages. */
export function readScenarioFile(file: string): ParsedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : `cannot read it (${(error as Error).message})`;
    return { ok: false, problems: [`${file}: ${why}`] };
  }
  return parseScenario(file, text);
}

/** Checks a scenario given as text. */
export function parseScenario(file: string, text: string): ParsedScenario {
  const fail = (problems: string[]): ParsedScenario => ({
    ok: false,
    problems: problems.map((problem) => `${file}: ${problem}`),
  });

  let json: unknown;
  try {
    // Editors on Windows start files with a byte-order mark; JSON.parse refuses it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail([`not valid JSON: ${describeJsonError(text, error)}`]);
  }

  const header = scenarioHeaderSchema.safeParse(json);
  if (!header.success) return fail(describeZodIssues(header.error, []));

  const checked: Array<Step | InvalidStep> = [];
  const problems: string[] = [];
  header.data.steps.forEach((value, index) => {
    const parsed = parseStep(value, index);
    if (!Array.isArray(parsed)) return void checked.push(parsed);
    for (const problem of parsed) problems.push(problem);
    checked.push({ kind: 'invalid', as: nameGivenBy(value) });
  });
  const steps = checked.filter((step): step is Step => step.kind !== 'invalid');
  const seed = resolveSeed(header.data.seed, steps);
  for (const problem of [...checkNames(checked), ...checkInsertTypes(checked), ...seed.problems])
    problems.push(problem);
  if (problems.length > 0) return fail(byStep(problems));

  return {
    ok: true,
    scenario: {
      file,
      name: header.data.name,
      ...(header.data.description === undefined ? {} : { description: header.data.description }),
      amberflo: header.data.amberflo ?? 'fixtures',
      clock: header.data.clock ?? DEFAULT_SCENARIO_CLOCK,
      calloutTimeoutMs: header.data.calloutTimeoutMs ?? DEFAULT_CALLOUT_TIMEOUT_MS,
      seed: seed.value,
      steps,
    },
  };
}

/** A step checked against the schema of its one action key, or its problems. */
function parseStep(value: unknown, index: number): Step | string[] {
  const path = formatPath(['steps', index]);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: must be an object with one action key (${STEP_KINDS.join(', ')})`];

  const keys = Object.keys(value);
  const kinds = STEP_KINDS.filter((kind) => keys.includes(kind));
  if (kinds.length === 0) {
    const got = keys.length === 0 ? 'none' : keys.join(', ');
    return [`${path}: needs one action key of ${STEP_KINDS.join(', ')}; its keys: ${got}`];
  }
  if (kinds.length > 1)
    return [`${path}: has ${kinds.join(' and ')}; give each action its own step`];

  const kind = kinds[0] as StepKind;
  const parsed = STEP_SCHEMAS[kind].safeParse(value);
  if (!parsed.success) return describeZodIssues(parsed.error, ['steps', index]);
  return { kind, ...parsed.data } as Step;
}

/** Problems in the order of the steps they concern (the sort is stable within a step). */
function byStep(problems: readonly string[]): string[] {
  const step = (problem: string) => Number(/^steps\[(\d+)\]/.exec(problem)?.[1] ?? -1);
  return [...problems].sort((a, b) => step(a) - step(b));
}

/** The `as` of a step that failed its schema, if it is a string, so later steps may use it. */
function nameGivenBy(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('as' in value)) return undefined;
  return typeof value.as === 'string' ? value.as : undefined;
}

/**
 * The fake's seed: the header's, else the first faults step's, else 1. The fake takes its seed
 * when it starts, so a scenario has one; a faults step with another seed is a problem.
 */
function resolveSeed(
  headerSeed: number | undefined,
  steps: readonly Step[],
): { value: number; problems: string[] } {
  const seeded = steps.flatMap((step, index) =>
    step.kind === 'faults' && step.seed !== undefined ? [{ index, seed: step.seed }] : [],
  );
  const first = seeded[0];
  const value = headerSeed ?? first?.seed ?? 1;
  const source = headerSeed !== undefined ? 'the top-level "seed"' : `steps[${first?.index}]`;
  const problems = seeded
    .filter(({ seed }) => seed !== value)
    .map(
      ({ index, seed }) =>
        `${formatPath(['steps', index, 'seed'])}: ${seed} differs from ${value}, set by ${source}; the fake is started with one seed per scenario, so give every faults step that seed or none`,
    );
  return { value, problems };
}

/** JSON.parse's message, with the line and column of its position when it gives only that. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (position === null || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}
