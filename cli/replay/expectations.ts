/** An `expect` step: every expectation it lists, checked in the order written. */
import type { Org } from '../../emulator/org.ts';
import type { RunningFakeAmberflo } from '../../fixtures/amberflo/index.ts';
import { describeFailure } from '../errors.ts';
import { checkAmberflo } from './amberflo-expectations.ts';
import type { Expectations } from './expectation-schema.ts';
import { checkEvents, checkJobs, checkQuery } from './org-expectations.ts';
import { show } from './partial-match.ts';
import type { RecordNames } from './record-names.ts';
import type { ExpectationResult } from './results.ts';

/** Checks each expectation; a failing one, even one that throws, does not stop the others. */
export function checkExpectations(
  expectations: Expectations,
  world: { org: Org; fake: RunningFakeAmberflo; names: RecordNames },
): ExpectationResult[] {
  const { org, fake, names } = world;
  return [
    ...(expectations.events ?? []).map((event) =>
      guarded('events', event, () => [checkEvents(org, event, names)]),
    ),
    ...(expectations.jobs ?? []).map((job) => guarded('jobs', job, () => [checkJobs(org, job)])),
    ...(expectations.query ?? []).map((query) =>
      guarded('query', query, () => [checkQuery(org, query)]),
    ),
    ...(expectations.amberflo === undefined
      ? []
      : [
          guarded('amberflo', expectations.amberflo, () =>
            checkAmberflo(fake, expectations.amberflo ?? {}),
          ),
        ]),
  ].flat();
}

function guarded(
  kind: string,
  expectation: object,
  check: () => ExpectationResult[],
): ExpectationResult[] {
  try {
    return check();
  } catch (error) {
    return [
      { label: `${kind} ${show(expectation)}`, ok: false, detail: describeFailure(error).line },
    ];
  }
}
