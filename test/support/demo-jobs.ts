/** Queueables for async tests, registered in the Demo package under `Demo.<ClassName>`. */
import type { ApexClassDefinition } from '../../emulator/async/apex-classes.ts';
import {
  Database,
  raise,
  System,
  type Queueable,
  type QueueableContext,
} from '../../emulator/apex-api.ts';
import { widget } from './demo-package.ts';

/** Writes a widget named after its label, noting the status its own job row had while it ran. */
export class EchoJob implements Queueable {
  label = 'echo';

  execute(context: QueueableContext): void {
    const [job] = Database.query('SELECT Status FROM AsyncApexJob WHERE Id = :id', {
      id: context.getJobId(),
    });
    Database.insert([widget({ Name: this.label, Notes__c: String(job?.Status) })]);
  }
}

/** Writes a widget, then throws: the write must not survive. */
export class FailingJob implements Queueable {
  execute(): void {
    Database.insert([widget({ Name: 'from failing job' })]);
    raise('Demo.BoomException', 'it broke');
  }
}

/** Throws something that is not an Apex exception. */
export class PlainErrorJob implements Queueable {
  execute(): void {
    throw new TypeError('plain failure');
  }
}

/** Enqueues one child: allowed from async Apex. */
export class ChainJob implements Queueable {
  execute(): void {
    const child = new EchoJob();
    child.label = 'child';
    System.enqueueJob(child);
  }
}

/** Enqueues two children: the second is over the async limit. */
export class GreedyJob implements Queueable {
  execute(): void {
    System.enqueueJob(new EchoJob());
    System.enqueueJob(new EchoJob());
  }
}

export const DEMO_JOBS: ApexClassDefinition[] = [
  { name: 'Demo.EchoJob', type: EchoJob, implements: ['Queueable'] },
  { name: 'Demo.FailingJob', type: FailingJob, implements: ['Queueable'] },
  { name: 'Demo.PlainErrorJob', type: PlainErrorJob, implements: ['Queueable'] },
  { name: 'Demo.ChainJob', type: ChainJob, implements: ['Queueable'] },
  { name: 'Demo.GreedyJob', type: GreedyJob, implements: ['Queueable'] },
];
