/** `callout:Name/…` endpoints, sent to the URL the org holds for the named credential. */
import { describe, expect, it } from 'vitest';

import { ApexException, Http, HttpRequest, Limits } from '../../../emulator/apex-api.ts';
import { startServer } from '../../support/loopback-server.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

function requestTo(endpoint: string): HttpRequest {
  const request = new HttpRequest();
  request.setEndpoint(endpoint);
  return request;
}

describe('named credentials', () => {
  it("sends a callout:Name endpoint to the credential's URL with its path and query", async () => {
    const { org } = await openTestOrg();
    const server = await startServer();
    org.namedCredentials.set('Demo_Api', `${server.url}/base/`);

    const request = requestTo('callout:Demo_Api/items?x=1');
    const body = await runApex(org, async () => (await new Http().send(request)).getBody());

    expect(body).toBe('ok');
    expect(server.received.map((r) => r.path)).toEqual(['/base/items?x=1']);
    expect(request.getEndpoint()).toBe('callout:Demo_Api/items?x=1');
  });

  it('finds the credential whatever the case of its name', async () => {
    const { org } = await openTestOrg();
    const server = await startServer();
    org.namedCredentials.set('Demo_Api', server.url);

    await runApex(org, () => new Http().send(requestTo('callout:demo_API')));

    expect(server.received.map((r) => r.path)).toEqual(['/']);
  });

  it('throws System.CalloutException naming a credential the org lacks, and counts no callout', async () => {
    const { org } = await openTestOrg();

    const error = await rejectionOf(
      runApex(org, async () => {
        try {
          await new Http().send(requestTo('callout:Missing/items'));
        } finally {
          expect(Limits.getCallouts()).toBe(0);
        }
      }),
    );

    expect(error).toBeInstanceOf(ApexException);
    expect((error as ApexException).type).toBe('System.CalloutException');
    expect((error as ApexException).message).toContain('"Missing"');
  });
});
