/**
 * `AFLO.AsyncEventQueueable`: one job of a type's chain. It takes the oldest due event of its
 * type and applies it: an inbound event is written to the AFLO record, an outbound one is
 * exported to Amberflo. It marks the event Processed, or Failed with attempts + 1, the error,
 * the last request and response, and the next attempt the retry policy allows, then continues
 * or ends the chain (events/chains.ts).
 *
 * Callouts come first and every write after them, as Apex requires ("uncommitted work pending").
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
import { MappingError } from '../mapping/index.ts';
import { applyInbound } from '../inbound/apply-inbound.ts';
import { ASYNC_EVENT, holdBackLaterEvents, nextDueEvent } from '../events/async-event.ts';
import { continueChain } from '../events/chains.ts';
import { PayloadError } from '../events/payload.ts';
import { nextAttemptAfter } from '../events/retry-policy.ts';
import { exportEvent } from '../outbound/export-event.ts';
import { ExportFailure, type RetryAdvice } from '../outbound/export-failure.ts';
import { writeBack } from '../outbound/write-back.ts';
import { loadSettings, type AfloSettings } from '../settings.ts';

export class AsyncEventQueueable implements Queueable {
  constructor(readonly objectType: AfloObjectType) {}

  async execute(context: QueueableContext): Promise<void> {
    const event = nextDueEvent(this.objectType);
    if (event !== undefined) await this.process(event, context.getJobId());
    continueChain(this.objectType, this);
  }

  private async process(event: QueryRecord, jobId: string): Promise<void> {
    const attempts = Number(event.AFLO__Attempts__c ?? 0) + 1;
    const settings = loadSettings();
    const common = { Id: String(event.Id), AFLO__Attempts__c: attempts, AFLO__JobId__c: jobId };

    try {
      const outcome =
        event.AFLO__Direction__c === 'Inbound'
          ? { AFLO__RecordId__c: applyInbound(event) }
          : await this.export(event, settings);
      Database.update([
        sobject(ASYNC_EVENT, {
          ...common,
          ...outcome,
          AFLO__Status__c: 'Processed',
          AFLO__NextAttemptAt__c: null,
          AFLO__Error__c: null,
        }),
      ]);
    } catch (error) {
      if (error instanceof ApexException && error.type === 'System.LimitException') throw error;
      const next = nextAttempt(adviceOf(error), attempts, settings);
      Database.update([
        sobject(ASYNC_EVENT, {
          ...common,
          ...(error instanceof ExportFailure
            ? { AFLO__Request__c: error.requestLog, AFLO__Response__c: error.responseLog }
            : {}),
          AFLO__Status__c: 'Failed',
          AFLO__NextAttemptAt__c: next,
          AFLO__Error__c: describe(error),
        }),
      ]);
      if (next !== null) holdBackLaterEvents(event, next);
    }
  }

  /** Exports the event, then writes back what Amberflo assigned; returns the event's new fields. */
  private async export(
    event: QueryRecord,
    settings: AfloSettings,
  ): Promise<Record<string, string | null>> {
    const result = await exportEvent(event, settings);
    writeBack(this.objectType, event.AFLO__RecordId__c, result.answer);
    return {
      AFLO__Request__c: result.requestLog,
      AFLO__Response__c: result.responseLog,
      AFLO__ExternalId__c: result.externalId ?? textOrNull(event.AFLO__ExternalId__c),
    };
  }
}

/** Retrying a payload that cannot be read, or a request Amberflo refused, cannot help. */
function adviceOf(error: unknown): RetryAdvice {
  if (error instanceof ExportFailure) return error.retry;
  if (error instanceof PayloadError || error instanceof MappingError) return 'never';
  return 'backoff';
}

function nextAttempt(advice: RetryAdvice, attempts: number, settings: AfloSettings): Date | null {
  if (advice === 'never') return null;
  const backoff = nextAttemptAfter(System.now(), attempts, settings.maxAttempts);
  if (advice === 'backoff' || backoff === null) return backoff;
  return advice;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function describe(error: unknown): string {
  if (error instanceof ApexException) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
