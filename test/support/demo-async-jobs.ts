/**
 * Queueables, finalizers and a schedulable for the tests of the Queueable rules (stack depth,
 * AsyncOptions, finalizers, Apex tests), registered in the Demo package as `Demo.<ClassName>`.
 * Each writes what it saw into a widget (Name says who, Notes__c holds it as JSON), so a test
 * reads the outcome with SOQL.
 */
import type { ApexClassDefinition } from '../../emulator/async/apex-classes.ts';
import {
  ApexException,
  AsyncInfo,
  Database,
  Http,
  HttpRequest,
  raise,
  System,
  Test,
  type Finalizer,
  type FinalizerContext,
  type Queueable,
  type QueueableContext,
  type Schedulable,
} from '../../emulator/apex-api.ts';
import { widget } from './demo-package.ts';

/** What AsyncInfo says in the running transaction. */
function asyncInfo(): Record<string, unknown> {
  return {
    depth: AsyncInfo.getCurrentQueueableStackDepth(),
    max: AsyncInfo.getMaximumQueueableStackDepth(),
    minDelay: AsyncInfo.getMinimumQueueableDelayInMinutes(),
    hasMax: AsyncInfo.hasMaxStackDepth(),
  };
}

/**
 * Notes what AsyncInfo says, then chains itself while `remaining` is above 0, with
 * `MaximumQueueableStackDepth = childMax` when that is set.
 */
export class DepthChainJob implements Queueable {
  remaining = 0;
  childMax: number | null = null;

  execute(): void {
    Database.insert([widget({ Name: 'depth', Notes__c: JSON.stringify(asyncInfo()) })]);
    if (this.remaining <= 0) return;
    const next = new DepthChainJob();
    next.remaining = this.remaining - 1;
    if (this.childMax === null) System.enqueueJob(next);
    else System.enqueueJob(next, { MaximumQueueableStackDepth: this.childMax });
  }
}

/** Notes what it was told, then (unless `enqueue` is false) what AsyncInfo says. */
export class RecordingFinalizer implements Finalizer {
  note = '';
  /** Enqueue a DepthChainJob from the finalizer (it should start a new stack). */
  enqueue = false;

  execute(context: FinalizerContext): void {
    const exception = context.getException();
    Database.insert([
      widget({
        Name: 'finalizer',
        Notes__c: JSON.stringify({
          jobId: context.getAsyncApexJobId(),
          requestId: context.getRequestId(),
          result: context.getResult(),
          exception: exception === null ? null : exception.describe(),
          note: this.note,
          queueable: System.isQueueable(),
        }),
      }),
    ]);
    if (this.enqueue) System.enqueueJob(new DepthChainJob());
  }
}

/** Attaches a RecordingFinalizer, writes a widget, changes the finalizer, and fails if told to. */
export class FinalizedJob implements Queueable {
  fail = false;
  enqueueFromFinalizer = false;

  execute(context: QueueableContext): void {
    const finalizer = new RecordingFinalizer();
    finalizer.enqueue = this.enqueueFromFinalizer;
    System.attachFinalizer(finalizer);
    Database.insert([widget({ Name: 'job work', Notes__c: context.getJobId() })]);
    finalizer.note = 'set by the job after attaching';
    if (this.fail) raise('Demo.BoomException', 'the job broke');
  }
}

/** Attaches two finalizers: the second is refused. */
export class DoubleAttachJob implements Queueable {
  execute(): void {
    System.attachFinalizer(new RecordingFinalizer());
    System.attachFinalizer(new RecordingFinalizer());
  }
}

/** Attaches null. */
export class NullFinalizerJob implements Queueable {
  execute(): void {
    System.attachFinalizer(null);
  }
}

/** Attaches an object of a class that is not a Finalizer. */
export class NotAFinalizerJob implements Queueable {
  execute(): void {
    System.attachFinalizer(new DepthChainJob());
  }
}

/** Attaches a finalizer that throws after writing. */
export class ThrowingFinalizerJob implements Queueable {
  execute(): void {
    System.attachFinalizer(new ThrowingFinalizer());
    Database.insert([widget({ Name: 'job work' })]);
  }
}

export class ThrowingFinalizer implements Finalizer {
  execute(): void {
    Database.insert([widget({ Name: 'finalizer work' })]);
    raise('Demo.FinalizerException', 'the finalizer broke');
  }
}

/**
 * Fails while `failures` is above 0 (one less each try), with a finalizer that re-enqueues it
 * after each failure and notes each re-enqueue it made, or the exception that refused it.
 */
export class RetriedJob implements Queueable {
  failures = 0;
  attempt = 1;

  execute(): void {
    const finalizer = new RetryFinalizer();
    finalizer.next = { failures: this.failures - 1, attempt: this.attempt + 1 };
    System.attachFinalizer(finalizer);
    Database.insert([widget({ Name: `attempt ${this.attempt}` })]);
    if (this.failures > 0) raise('Demo.FlakyException', `attempt ${this.attempt} failed`);
  }
}

export class RetryFinalizer implements Finalizer {
  next = { failures: 0, attempt: 0 };

  execute(context: FinalizerContext): void {
    if (context.getResult() === 'SUCCESS') return;
    const job = new RetriedJob();
    job.failures = this.next.failures;
    job.attempt = this.next.attempt;
    try {
      System.enqueueJob(job);
      Database.insert([widget({ Name: `re-enqueued ${job.attempt}` })]);
    } catch (error) {
      const detail = error instanceof ApexException ? error.describe() : String(error);
      Database.insert([widget({ Name: 'refused', Notes__c: detail })]);
    }
  }
}

/**
 * Calls `endpoint` and writes the status it answered, from a finalizer attached to a job that
 * does not implement Database.AllowsCallouts.
 */
export class CalloutFinalizerJob implements Queueable {
  endpoint = '';

  execute(): void {
    const finalizer = new CalloutFinalizer();
    finalizer.endpoint = this.endpoint;
    System.attachFinalizer(finalizer);
  }
}

export class CalloutFinalizer implements Finalizer {
  endpoint = '';

  async execute(): Promise<void> {
    const request = new HttpRequest();
    request.setEndpoint(this.endpoint);
    request.setMethod('GET');
    const response = await new Http().send(request);
    Database.insert([widget({ Name: 'called out', Notes__c: String(response.getStatusCode()) })]);
  }
}

/** Attaches a finalizer that enqueues two jobs: the second is over its limit of one. */
export class GreedyFinalizerJob implements Queueable {
  execute(): void {
    System.attachFinalizer(new GreedyFinalizer());
  }
}

export class GreedyFinalizer implements Finalizer {
  execute(): void {
    System.enqueueJob(new TestAwareJob());
    try {
      System.enqueueJob(new TestAwareJob());
    } catch (error) {
      const detail = error instanceof ApexException ? error.describe() : String(error);
      Database.insert([widget({ Name: 'second enqueue refused', Notes__c: detail })]);
    }
  }
}

/** Writes a widget noting `Test.isRunningTest()`. */
export class TestAwareJob implements Queueable {
  execute(): void {
    Database.insert([widget({ Name: 'test aware', Notes__c: String(Test.isRunningTest()) })]);
  }
}

/** Tries to chain a job, noting whether it could (under Test.stopTest it cannot). */
export class ChainTryingJob implements Queueable {
  execute(): void {
    try {
      System.enqueueJob(new TestAwareJob());
      Database.insert([widget({ Name: 'chained' })]);
    } catch (error) {
      const detail = error instanceof ApexException ? error.describe() : String(error);
      Database.insert([widget({ Name: 'chain refused', Notes__c: detail })]);
    }
  }
}

/** A Schedulable that writes a widget each time it runs. */
export class WidgetSchedulable implements Schedulable {
  execute(): void {
    Database.insert([widget({ Name: 'scheduled run' })]);
  }
}

const queueable = ['Queueable'] as const;
const finalizer = ['Finalizer'] as const;

export const ASYNC_DEMO_CLASSES: ApexClassDefinition[] = [
  { name: 'Demo.DepthChainJob', type: DepthChainJob, implements: queueable },
  { name: 'Demo.RecordingFinalizer', type: RecordingFinalizer, implements: finalizer },
  { name: 'Demo.FinalizedJob', type: FinalizedJob, implements: queueable },
  { name: 'Demo.DoubleAttachJob', type: DoubleAttachJob, implements: queueable },
  { name: 'Demo.NotAFinalizerJob', type: NotAFinalizerJob, implements: queueable },
  { name: 'Demo.NullFinalizerJob', type: NullFinalizerJob, implements: queueable },
  { name: 'Demo.ThrowingFinalizerJob', type: ThrowingFinalizerJob, implements: queueable },
  { name: 'Demo.ThrowingFinalizer', type: ThrowingFinalizer, implements: finalizer },
  { name: 'Demo.RetriedJob', type: RetriedJob, implements: queueable },
  { name: 'Demo.RetryFinalizer', type: RetryFinalizer, implements: finalizer },
  { name: 'Demo.TestAwareJob', type: TestAwareJob, implements: queueable },
  { name: 'Demo.ChainTryingJob', type: ChainTryingJob, implements: queueable },
  { name: 'Demo.WidgetSchedulable', type: WidgetSchedulable, implements: ['Schedulable'] },
  { name: 'Demo.CalloutFinalizerJob', type: CalloutFinalizerJob, implements: queueable },
  { name: 'Demo.CalloutFinalizer', type: CalloutFinalizer, implements: finalizer },
  { name: 'Demo.GreedyFinalizerJob', type: GreedyFinalizerJob, implements: queueable },
  { name: 'Demo.GreedyFinalizer', type: GreedyFinalizer, implements: finalizer },
];
