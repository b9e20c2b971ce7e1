/** What each step does, in the few words the report prints before running it (`update acme`). */
import type { FaultRuleInput } from '../../fixtures/amberflo/index.ts';
import type { Scenario, Step } from './schema.ts';

/** The step's label; known before it runs, so a failed step is named as well as a passed one. */
export function describeStep(step: Step, scenario: Scenario): string {
  switch (step.kind) {
    case 'insert': {
      const size = step.records?.length ?? step.count ?? 1;
      const times = size === 1 ? '' : ` ×${size}`;
      return `insert ${step.insert}${times}${step.as === undefined ? '' : ` as ${step.as}`}`;
    }
    case 'update':
      return `update ${step.update}`;
    case 'delete':
      return `delete ${step.delete}`;
    case 'undelete':
      return `undelete ${step.undelete}`;
    case 'find':
      return `find ${step.as}: ${step.find}`;
    case 'apex':
      return `apex ${oneLine(step.apex)}${(step.expectFailure ?? false) ? ' (must fail)' : ''}`;
    case 'faults':
      return typeof step.faults === 'number'
        ? `faults: ${percent(step.faults)} of requests answer 500 (seed ${scenario.seed})`
        : `faults: ${step.faults.length === 0 ? 'none' : step.faults.map(describeRule).join('; ')}`;
    case 'clearFaults':
      return 'clear faults';
    case 'drain':
      return step.drain === true || step.drain.wait !== false ? 'drain' : 'drain (due jobs only)';
    case 'advance':
      return `advance ${step.advance}`;
    case 'retry':
      return 'retry failed';
    case 'expect':
      return 'expect';
  }
}

/** `POST /customers → 503 ×2`, `any /customers* → timeout at 30%`. */
export function describeRule(rule: FaultRuleInput): string {
  const kind =
    rule.kind ?? (rule.status === undefined && rule.latencyMs !== undefined ? 'latency' : 'status');
  const outcome = kind === 'status' ? String(rule.status ?? 500) : kind;
  const count = rule.count === undefined ? '' : ` ×${rule.count}`;
  const rate = rule.rate === undefined ? '' : ` at ${percent(rule.rate)}`;
  return `${rule.method?.toUpperCase() ?? 'any'} ${rule.path ?? '*'} → ${outcome}${count}${rate}`;
}

/** `0.3` → `30%`, to a tenth of a percent. */
function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/** A script's first line, cut to fit the report. */
function oneLine(source: string, max = 70): string {
  const lines = source.trim().split('\n');
  const first = lines[0] ?? '';
  const more = lines.length > 1 ? ' …' : '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : `${first}${more}`;
}
