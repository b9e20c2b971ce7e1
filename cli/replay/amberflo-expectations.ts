/**
 * Expectations on the scenario's fake Amberflo: how many objects each collection holds, objects
 * it must hold (partial match) or must not (by id or partial match), and the requests it got.
 */
import type { RunningFakeAmberflo } from '../../fixtures/amberflo/index.ts';
import {
  COLLECTIONS,
  type AmberfloExpectation,
  type Collection,
  type CollectionExpectation,
  type RequestExpectation,
} from './expectation-schema.ts';
import { compareCount, describeCount } from './org-expectations.ts';
import { differences, matchesPartially, show } from './partial-match.ts';
import type { ExpectationResult } from './results.ts';

type FakeObject = Record<string, unknown>;

/** The key each collection is stored by, which `exclude` ids name. */
const ID_KEYS: Record<Collection, string> = {
  customers: 'customerId',
  promotions: 'id',
  customerPromotions: 'id',
  productItems: 'id',
};

/** Every collection and request expectation given, in that order. */
export function checkAmberflo(
  fake: RunningFakeAmberflo,
  expectation: AmberfloExpectation,
): ExpectationResult[] {
  const results: ExpectationResult[] = [];
  for (const collection of COLLECTIONS) {
    const expected = expectation[collection];
    if (expected === undefined) continue;
    const objects = [...fake.state[collection].values()] as FakeObject[];
    results.push(...checkCollection(collection, objects, expected));
  }
  for (const request of expectation.requests ?? []) results.push(checkRequests(fake, request));
  return results;
}

function checkCollection(
  collection: Collection,
  objects: readonly FakeObject[],
  expected: CollectionExpectation,
): ExpectationResult[] {
  const results: ExpectationResult[] = [];
  const label = `amberflo ${collection}`;
  if (expected.count !== undefined) {
    results.push({
      label: `${label} count`,
      ok: objects.length === expected.count,
      detail: describeCount(expected.count, objects.length),
    });
  }
  for (const wanted of expected.include ?? []) {
    const found = objects.some((object) => matchesPartially(object, wanted));
    results.push({
      label: `${label} include ${show(wanted)}`,
      ok: found,
      detail: found ? 'there' : whyMissing(collection, objects, wanted),
    });
  }
  for (const unwanted of expected.exclude ?? []) {
    const key = ID_KEYS[collection];
    const match = objects.find((object) =>
      typeof unwanted === 'string' ? object[key] === unwanted : matchesPartially(object, unwanted),
    );
    results.push({
      label: `${label} exclude ${show(unwanted)}`,
      ok: match === undefined,
      detail: match === undefined ? 'absent' : `it is there: ${show(match, 160)}`,
    });
  }
  return results;
}

/** The object with the same id and how it differs, else how many there are. */
function whyMissing(
  collection: Collection,
  objects: readonly FakeObject[],
  wanted: FakeObject,
): string {
  const key = ID_KEYS[collection];
  const sameId =
    wanted[key] === undefined ? undefined : objects.find((object) => object[key] === wanted[key]);
  if (sameId === undefined) return `no such object among ${objects.length}`;
  return `${key} ${show(wanted[key])} differs: ${differences(sameId, wanted).join('; ')}`;
}

function checkRequests(fake: RunningFakeAmberflo, expected: RequestExpectation): ExpectationResult {
  const method = expected.method?.toUpperCase();
  const path = expected.path;
  const matching = fake.state.requests.filter(
    (request) =>
      (method === undefined || request.method === method) &&
      (path === undefined ||
        (path.endsWith('*')
          ? request.path.startsWith(path.slice(0, -1))
          : request.path === path)) &&
      (expected.status === undefined || request.status === expected.status),
  );
  const words = [method ?? 'any', path ?? '*', expected.status].filter(
    (word) => word !== undefined,
  );
  return {
    label: `amberflo requests ${words.join(' ')}`,
    ok: compareCount(expected.count, matching.length),
    detail: describeCount(expected.count, matching.length),
  };
}
