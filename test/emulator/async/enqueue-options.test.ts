/**
 * `System.enqueueJob(job, AsyncOptions)`: the minimum delay, the duplicate signature and its
 * builder.
 */
import { describe, expect, it } from 'vitest';

import {
  ApexException,
  AsyncOptions,
  QueueableDuplicateSignature,
  System,
} from '../../../emulator/apex-api.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { ASYNC_DEMO_CLASSES, DepthChainJob } from '../../support/demo-async-jobs.ts';
import { openTestOrg, rejectionOf, runApex, START } from '../../support/test-org.ts';

const DUPLICATE =
  'System.DuplicateMessageException: Attempt to enqueue job with duplicate queueable signature';

function demoOrg() {
  return openTestOrg({ packages: [demoPackage({ classes: ASYNC_DEMO_CLASSES })] });
}

function signature(name: string): QueueableDuplicateSignature {
  return new QueueableDuplicateSignature.Builder().addString(name).addInteger(7).build();
}

function withSignature(name: string): AsyncOptions {
  const options = new AsyncOptions();
  options.DuplicateSignature = signature(name);
  return options;
}

describe('AsyncOptions.MinimumQueueableDelayInMinutes', () => {
  it('keeps the job queued for that many minutes and reports it to the job through AsyncInfo', async () => {
    const { org, clock } = await demoOrg();
    await runApex(org, () =>
      System.enqueueJob(new DepthChainJob(), { MinimumQueueableDelayInMinutes: 3 }),
    );

    expect(await org.drain()).toMatchObject({ jobsRun: 0, delayedJobs: 1 });
    expect(await org.drain({ delayed: 'wait' })).toMatchObject({ jobsRun: 1, completed: 1 });

    expect(clock.now()).toEqual(new Date(Date.parse(START) + 3 * 60_000));
    const [seen] = org.query(`SELECT Notes__c FROM ${WIDGET}`).records;
    expect(JSON.parse(String(seen?.Notes__c))).toMatchObject({ minDelay: 3, hasMax: false });
  });

  it.each([-1, 11, 0.5])('refuses a minimum delay of %s minutes', async (minutes) => {
    const { org } = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () =>
        System.enqueueJob(new DepthChainJob(), { MinimumQueueableDelayInMinutes: minutes }),
      ),
    );
    expect(error).toMatchObject({ type: 'System.AsyncException' });
  });
});

describe('AsyncOptions.DuplicateSignature', () => {
  it('refuses a second job with the signature of a queued one, from another transaction or the same', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new DepthChainJob(), withSignature('sync')));

    const later = await rejectionOf(
      runApex(org, () => System.enqueueJob(new DepthChainJob(), withSignature('sync'))),
    );
    expect((later as ApexException).describe()).toBe(DUPLICATE);

    const sameTransaction = await rejectionOf(
      runApex(org, () => {
        System.enqueueJob(new DepthChainJob(), withSignature('other'));
        System.enqueueJob(new DepthChainJob(), withSignature('other'));
      }),
    );
    expect((sameTransaction as ApexException).describe()).toBe(DUPLICATE);

    // Only the first job exists: the refused transactions rolled back whole.
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(1);
  });

  it('accepts a different signature, or none, beside a queued job', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => {
      System.enqueueJob(new DepthChainJob(), withSignature('a'));
      System.enqueueJob(new DepthChainJob(), withSignature('b'));
      System.enqueueJob(new DepthChainJob());
      System.enqueueJob(new DepthChainJob(), new AsyncOptions());
    });
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(4);
  });

  it('frees the signature once the runner has taken the job', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new DepthChainJob(), withSignature('sync')));
    expect(await org.drain()).toMatchObject({ completed: 1 });

    await runApex(org, () => System.enqueueJob(new DepthChainJob(), withSignature('sync')));
    expect(org.query("SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Queued'").totalSize).toBe(1);
  });

  it('frees the signature of an aborted job', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () =>
      System.enqueueJob(new DepthChainJob(), withSignature('sync')),
    );
    await runApex(org, () => System.abortJob(jobId));

    await runApex(org, () => System.enqueueJob(new DepthChainJob(), withSignature('sync')));
    expect(org.query("SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Queued'").totalSize).toBe(1);
  });
});

describe('QueueableDuplicateSignature.Builder', () => {
  it('counts the bytes of its parts against a maximum of 32', () => {
    const builder = new QueueableDuplicateSignature.Builder();
    expect([builder.getSize(), builder.getRemainingSize(), builder.getMaxSize()]).toEqual([
      0, 32, 32,
    ]);

    builder.addId('001000000000001').addInteger(42).addString('héllo');
    // An Id counts 18 bytes, an Integer 4, a String its UTF-8 bytes (é is 2).
    expect([builder.getSize(), builder.getRemainingSize()]).toEqual([28, 4]);

    expect(() => builder.addString('12345')).toThrow(ApexException);
    expect(builder.getSize()).toBe(28);
  });

  it('makes equal signatures from equal parts, an Id in either form being one part', () => {
    const id15 = '001000000000001';
    const fifteen = new QueueableDuplicateSignature.Builder().addId(id15).build();
    const id18 = new QueueableDuplicateSignature.Builder().addId(`${id15}AAA`).build();
    expect(fifteen.toString()).toBe(id18.toString());
    expect(signature('x').toString()).toBe(signature('x').toString());
    expect(signature('x').toString()).not.toBe(signature('y').toString());
    // The same text as a String and as an Id part are different parts.
    const asString = new QueueableDuplicateSignature.Builder().addString(id15).build();
    expect(asString.toString()).not.toBe(fifteen.toString());
  });

  it('refuses an Id that is not one', () => {
    expect(() => new QueueableDuplicateSignature.Builder().addId('not an id')).toThrow(
      expect.objectContaining({ type: 'System.StringException' }),
    );
  });
});
