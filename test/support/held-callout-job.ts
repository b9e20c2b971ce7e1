/**
 * A queueable that calls out to a test's holding server (loopback-server.ts) and then writes a
 * widget named `label:body`, so the test decides when each job may finish. Registered in the
 * Demo package as `Demo.HeldCalloutJob`; set `HeldCalloutJob.endpoint` to the server's URL first.
 */
import type { ApexClassDefinition } from '../../emulator/async/apex-classes.ts';
import { Database, Http, HttpRequest, type Queueable } from '../../emulator/apex-api.ts';
import { DEMO_JOBS } from './demo-jobs.ts';
import { widget } from './demo-package.ts';

export class HeldCalloutJob implements Queueable {
  /** The holding server's URL; a static, so it is not part of the job's stored state. */
  static endpoint = '';
  label = '';

  async execute(): Promise<void> {
    const request = new HttpRequest();
    request.setEndpoint(`${HeldCalloutJob.endpoint}/${this.label}`);
    const response = await new Http().send(request);
    Database.insert([widget({ Name: `${this.label}:${response.getBody()}` })]);
  }
}

/** The demo jobs and `Demo.HeldCalloutJob`. */
export const HELD_CALLOUT_CLASSES: ApexClassDefinition[] = [
  ...DEMO_JOBS,
  {
    name: 'Demo.HeldCalloutJob',
    type: HeldCalloutJob,
    implements: ['Queueable', 'Database.AllowsCallouts'],
  },
];
