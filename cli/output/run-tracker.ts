/**
 * What one CLI run led to: the AsyncApexJob rows and async events written while it ran, learnt
 * from the org's `records:written` events. The exit code is judged on these alone.
 */
import type { Org } from '../../emulator/org.ts';
import type { RunOutcome } from './outcome.ts';

export class RunTracker {
  readonly jobIds = new Set<string>();
  readonly eventIds = new Set<string>();
  /** Async events this run wrote or processed (inserted or updated). */
  readonly touchedEventIds = new Set<string>();

  constructor(private readonly org: Org) {
    org.events.on('records:written', this.onWrite);
  }

  private readonly onWrite = ({
    type,
    operation,
    ids,
  }: {
    type: string;
    operation: string;
    ids: string[];
  }): void => {
    if (type === 'AFLO__AsyncEvent__c') for (const id of ids) this.touchedEventIds.add(id);
    if (operation !== 'insert') return;
    const target =
      type === 'AsyncApexJob'
        ? this.jobIds
        : type === 'AFLO__AsyncEvent__c'
          ? this.eventIds
          : undefined;
    for (const id of ids) target?.add(id);
  };

  /**
   * How the jobs and async events of this run ended: those it wrote, or with `touched`, every
   * event it wrote or processed (a drain judges the events it worked on).
   */
  outcome(scope: 'written' | 'touched' = 'written'): RunOutcome {
    const eventIds = scope === 'written' ? this.eventIds : this.touchedEventIds;
    const events = (field: string, value: string): number =>
      this.count('AFLO__AsyncEvent__c', field, '=', value, eventIds);
    return {
      jobs: this.jobIds.size,
      failedJobs: this.count('AsyncApexJob', 'Status', '=', 'Failed', this.jobIds),
      queuedJobs: this.count('AsyncApexJob', 'Status', '=', 'Queued', this.jobIds),
      events: eventIds.size,
      createdEvents: events('AFLO__Action__c', 'Created'),
      updatedEvents: events('AFLO__Action__c', 'Updated'),
      failedEvents: events('AFLO__Status__c', 'Failed'),
      pendingEvents: events('AFLO__Status__c', 'Pending'),
    };
  }

  private count(
    type: string,
    field: string,
    operator: '=' | '!=',
    value: string,
    ids: Set<string>,
  ): number {
    const list = [...ids];
    let n = 0;
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const soql = `SELECT COUNT() FROM ${type} WHERE Id IN :chunk AND ${field} ${operator} :value`;
      n += this.org.query(soql, { binds: { chunk, value } }).totalSize;
    }
    return n;
  }

  dispose(): void {
    this.org.events.off('records:written', this.onWrite);
  }
}
