/**
 * How a CLI run or a scenario replay points the AFLO package at a fake Amberflo: through the
 * named credential `AFLO__Amberflo`, so the package's base URL is `callout:AFLO__Amberflo` and the
 * requests it logs on its async events (`AFLO__Request__c`, error messages) name the credential,
 * not the fake's loopback port, which changes every run. Two runs of the same work then leave the
 * same records. For this run only: the settings record is never rewritten.
 */
import type { Org } from '../emulator/org.ts';
import { DEFAULT_API_KEY } from '../fixtures/amberflo/index.ts';

/** The named credential the package reaches the fake Amberflo through. */
export const FAKE_AMBERFLO_CREDENTIAL = 'AFLO__Amberflo';

/** Gives the package the fake at `url` (as `callout:AFLO__Amberflo`) and the fake's API key. */
export function useFakeAmberflo(org: Org, url: string): void {
  org.namedCredentials.set(FAKE_AMBERFLO_CREDENTIAL, url);
  org.overrides.set('AFLO.baseUrl', `callout:${FAKE_AMBERFLO_CREDENTIAL}`);
  org.overrides.set('AFLO.apiKey', DEFAULT_API_KEY);
}
