/**
 * What one CLI run led to: the AsyncApexJob rows and async events written while it ran, learnt
 * from the org's `records:written` events. The exit code is judged on these alone.
 */
import type { Org } from '../../emulator/org.ts';

export class RunTracker {
  readonly jobIds = new Set<string>();
  readonly eventIds = new Set<string>();

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
    if (operation !== 'insert') return;
    const target =
      type === 'AsyncApexJob'
        ? this.jobIds
        : type === 'AFLO__AsyncEvent__c'
          ? this.eventIds
          : undefined;
    for (const id of ids) target?.add(id);
  };

  /** Jobs of this run that did not end Completed (and of them, those still queued), and events that did not end Processed. */
  problems(): { jobs: number; events: number; queuedJobs: number } {
    return {
      jobs: this.count('AsyncApexJob', 'Status', '!=', 'Completed', this.jobIds),
      queuedJobs: this.count('AsyncApexJob', 'Status', '=', 'Queued', this.jobIds),
      events: this.count(
        'AFLO__AsyncEvent__c',
        'AFLO__Status__c',
        '!=',
        'Processed',
        this.eventIds,
      ),
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
