/**
 * `AFLO.AsyncEventQueueable`: one job of a type's chain. It takes the oldest due event of its
 * type, applies it, marks it Processed or Failed (attempts + 1, error and response kept, next
 * attempt per the retry policy), then continues or ends the chain (events/chains.ts).
 */
import {
  ApexException,
  Database,
  sobject,
  System,
  type Queueable,
  type QueueableContext,
  type QueryRecord,
} from '../../emulator/apex-api.ts';
import type { AfloObjectType } from '../mapping/index.ts';
import { applyInbound } from '../inbound/apply-inbound.ts';
import { ASYNC_EVENT, nextDueEvent } from '../events/async-event.ts';
import { continueChain } from '../events/chains.ts';
import { nextAttemptAfter } from '../events/retry-policy.ts';
import { loadSettings } from '../settings.ts';

export class AsyncEventQueueable implements Queueable {
  constructor(readonly objectType: AfloObjectType) {}

  execute(context: QueueableContext): void {
    const event = nextDueEvent(this.objectType);
    if (event !== undefined) this.process(event, context.getJobId());
    continueChain(this.objectType, this);
  }

  private process(event: QueryRecord, jobId: string): void {
    const attempts = Number(event.AFLO__Attempts__c ?? 0) + 1;
    const common = { Id: String(event.Id), AFLO__Attempts__c: attempts, AFLO__JobId__c: jobId };

    try {
      if (event.AFLO__Direction__c !== 'Inbound') {
        throw new ApexException(
          'AFLO.UnsupportedException',
          'outbound events are not exported yet',
        );
      }
      const recordId = applyInbound(event);
      Database.update([
        sobject(ASYNC_EVENT, {
          ...common,
          AFLO__Status__c: 'Processed',
          AFLO__NextAttemptAt__c: null,
          AFLO__Error__c: null,
          AFLO__RecordId__c: recordId,
        }),
      ]);
    } catch (error) {
      if (error instanceof ApexException && error.type === 'System.LimitException') throw error;
      const message =
        error instanceof ApexException
          ? error.describe()
          : error instanceof Error
            ? error.message
            : String(error);
      const next = nextAttemptAfter(System.now(), attempts, loadSettings().maxAttempts);
      Database.update([
        sobject(ASYNC_EVENT, {
          ...common,
          AFLO__Status__c: 'Failed',
          AFLO__NextAttemptAt__c: next,
          AFLO__Error__c: message,
        }),
      ]);
    }
  }
}
