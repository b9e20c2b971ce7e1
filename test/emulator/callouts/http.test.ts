/** Callouts against a real loopback server: what is sent and received, and every refusal. */
import { describe, expect, it } from 'vitest';

import {
  ApexException,
  Database,
  Http,
  HttpRequest,
  Limits,
  System,
  type Queueable,
} from '../../../emulator/apex-api.ts';
import type { TriggerDefinition } from '../../../emulator/dml/triggers.ts';
import type { Org } from '../../../emulator/org.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { refusedUrl, startHoldingServer, startServer } from '../../support/loopback-server.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

/** The endpoint queueables call; set by each test before draining. */
let endpoint = '';

function get(url: string): Promise<string> {
  const request = new HttpRequest();
  request.setEndpoint(url);
  return new Http().send(request).then((response) => response.getBody());
}

class CalloutJob implements Queueable {
  async execute(): Promise<void> {
    const body = await get(endpoint);
    Database.insert([widget({ Name: body })]);
  }
}

class CalloutJobWithoutPermission extends CalloutJob {}

const CLASSES = [
  {
    name: 'Demo.CalloutJob',
    type: CalloutJob,
    implements: ['Queueable', 'Database.AllowsCallouts'] as const,
  },
  {
    name: 'Demo.CalloutJobWithoutPermission',
    type: CalloutJobWithoutPermission,
    implements: ['Queueable'] as const,
  },
];

async function demoOrg(triggers: readonly TriggerDefinition[] = []): Promise<Org> {
  return (await openTestOrg({ packages: [demoPackage({ classes: CLASSES, triggers })] })).org;
}

function describeError(error: unknown): string {
  expect(error).toBeInstanceOf(ApexException);
  return (error as ApexException).describe();
}

describe('Http.send', () => {
  it('sends the method, headers and body and returns status, body and headers when the server answers', async () => {
    const org = await demoOrg();
    const server = await startServer((request, body, response) => {
      response.writeHead(201, {
        'content-type': 'application/json',
        'X-Echo': String(request.headers['x-demo']),
      });
      response.end(JSON.stringify({ got: body }));
    });

    const response = await runApex(org, () => {
      const request = new HttpRequest();
      request.setMethod('post');
      request.setEndpoint(`${server.url}/ingest?x=1`);
      request.setHeader('X-Demo', 'hello');
      request.setBody('payload');
      return new Http().send(request);
    });

    expect(server.received).toEqual([{ method: 'POST', path: '/ingest?x=1', body: 'payload' }]);
    expect(response.getStatusCode()).toBe(201);
    expect(JSON.parse(response.getBody())).toEqual({ got: 'payload' });
    expect(response.getHeader('x-ECHO')).toBe('hello');
  });

  it('lets DML follow when the callout came first in the transaction', async () => {
    const org = await demoOrg();
    const server = await startServer();
    await runApex(org, async () => {
      Database.insert([widget({ Name: await get(server.url) })]);
    });
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records[0]?.Name).toBe('ok');
  });

  it('refuses with uncommitted work pending when DML or an enqueue came first', async () => {
    const org = await demoOrg();
    const server = await startServer();
    const afterDml = await rejectionOf(
      runApex(org, async () => {
        Database.insert([widget()]);
        await get(server.url);
      }),
    );
    const afterEnqueue = await rejectionOf(
      runApex(org, async () => {
        System.enqueueJob(new CalloutJob());
        await get(server.url);
      }),
    );

    for (const error of [afterDml, afterEnqueue]) {
      expect(describeError(error)).toBe(
        'System.CalloutException: You have uncommitted work pending. Please commit or rollback before calling out',
      );
    }
    expect(server.received).toHaveLength(0);
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
  });

  it('runs the callout when the queueable implements Database.AllowsCallouts and refuses it otherwise', async () => {
    const org = await demoOrg();
    const server = await startServer();
    endpoint = server.url;
    await runApex(org, () => [
      System.enqueueJob(new CalloutJob()),
      System.enqueueJob(new CalloutJobWithoutPermission()),
    ]);

    await org.drain();

    const rows = org.query(
      'SELECT Status, ExtendedStatus, ApexClass.Name FROM AsyncApexJob ORDER BY Id',
    ).records;
    expect(rows[0]).toMatchObject({ Status: 'Completed', ApexClass: { Name: 'CalloutJob' } });
    expect(rows[1]).toMatchObject({
      Status: 'Failed',
      ApexClass: { Name: 'CalloutJobWithoutPermission' },
    });
    expect(String(rows[1]?.ExtendedStatus)).toMatch(/^System\.CalloutException: /);
    expect(server.received).toHaveLength(1);
  });

  it('fails the record with the refusal when a trigger calls out', async () => {
    const server = await startServer();
    const org = await demoOrg([
      {
        name: 'Demo.CalloutTrigger',
        sObject: WIDGET,
        events: ['before insert'],
        handler: () => void get(server.url),
      },
    ]);
    const [result] = await runApex(org, () => Database.insert([widget()], false));

    expect(result?.errors[0]).toMatchObject({
      statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
      message:
        'Demo.CalloutTrigger: execution of BeforeInsert caused by: System.CalloutException: Callout from triggers are currently not supported.',
    });
    expect(server.received).toHaveLength(0);
  });

  it('refuses the callout when scheduled Apex makes it', async () => {
    const org = await demoOrg();
    const server = await startServer();
    const error = await rejectionOf(
      org.run({ kind: 'schedulable', allowsCallouts: true }, () => get(server.url)),
    );
    expect(describeError(error)).toMatch(/^System\.CalloutException: /);
  });

  it('throws System.LimitException when a transaction makes its 101st callout', async () => {
    const org = await demoOrg();
    const server = await startServer();
    const error = await rejectionOf(
      runApex(org, async () => {
        for (let i = 0; i < 100; i++) await get(server.url);
        expect(Limits.getCallouts()).toBe(100);
        await get(server.url);
      }),
    );
    expect(describeError(error)).toBe('System.LimitException: Too many callouts: 101');
    expect(server.received).toHaveLength(100);
  });

  it.each([0, 120_001, 1.5, Number.NaN])('refuses the timeout when it is %s ms', (ms) => {
    const request = new HttpRequest();
    expect(() => request.setTimeout(ms)).toThrow(ApexException);
  });

  it('accepts timeouts from 1 to 120000 ms and defaults to 10000 when none is set', () => {
    const request = new HttpRequest();
    expect(request.getTimeout()).toBe(10_000);
    request.setTimeout(1);
    request.setTimeout(120_000);
    expect(request.getTimeout()).toBe(120_000);
  });

  it('throws System.CalloutException when the server does not answer within the timeout', async () => {
    const org = await demoOrg();
    const server = await startHoldingServer();
    const error = await rejectionOf(
      runApex(org, () => {
        const request = new HttpRequest();
        request.setEndpoint(server.url);
        request.setTimeout(50);
        return new Http().send(request);
      }),
    );
    expect(describeError(error)).toBe('System.CalloutException: Read timed out');
  });

  it('counts a timed-out callout as its whole timeout and an answered one as no time on a virtual clock', async () => {
    const org = await demoOrg();
    const answering = await startServer();
    const holding = await startHoldingServer();

    const counted = await runApex(org, async (tx) => {
      await get(answering.url);
      const afterAnswer = tx.limits.calloutMs;
      const request = new HttpRequest();
      request.setEndpoint(holding.url);
      request.setTimeout(50);
      await rejectionOf(new Http().send(request));
      return [afterAnswer, tx.limits.calloutMs];
    });

    expect(counted).toEqual([0, 50]);
  });

  it('throws System.CalloutException when the connection is refused', async () => {
    const org = await demoOrg();
    const url = await refusedUrl();
    const error = await rejectionOf(runApex(org, () => get(url)));
    expect(describeError(error)).toBe('System.CalloutException: Connection refused');
  });
});
