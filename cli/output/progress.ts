/**
 * The progress bar on stderr while the queue drains: async events finished out of those
 * unfinished when the drain began plus those written since (the total grows as download jobs
 * write theirs), and what the runner waits for when only retries are left.
 */
import cliProgress from 'cli-progress';
import type { Org } from '../../emulator/org.ts';
import type { RunTracker } from './run-tracker.ts';

const REFRESH_MS = 100;

export class DrainProgress {
  private readonly bar: cliProgress.SingleBar | undefined;
  private last = 0;
  private readonly unfinishedAtStart: number;

  constructor(
    private readonly org: Org,
    private readonly tracker: RunTracker,
    enabled: boolean,
  ) {
    this.unfinishedAtStart = enabled ? this.unfinished() : 0;
    if (!enabled) return;
    this.bar = new cliProgress.SingleBar(
      {
        format: 'events {bar} {value}/{total} | jobs: {jobs} {note}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        noTTYOutput: false,
        notTTYSchedule: 1000,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(this.unfinishedAtStart, 0, { jobs: 0, note: '' });
    org.events.on('job:finished', this.onJob);
    org.events.on('runner:waiting', this.onWaiting);
  }

  private readonly onJob = (): void => {
    const now = Date.now();
    if (now - this.last < REFRESH_MS) return;
    this.last = now;
    this.refresh();
  };

  private readonly onWaiting = ({ until }: { until: Date }): void => {
    this.refresh(`| waiting for retries due at ${until.toISOString()}`);
  };

  private unfinished(): number {
    return this.org.query(
      'SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__NextAttemptAt__c != null',
    ).totalSize;
  }

  private refresh(note = ''): void {
    if (this.bar === undefined) return;
    const total = this.unfinishedAtStart + this.tracker.eventIds.size;
    this.bar.setTotal(total);
    this.bar.update(Math.max(0, total - this.unfinished()), {
      jobs: this.tracker.jobIds.size,
      note,
    });
  }

  stop(): void {
    if (this.bar === undefined) return;
    this.refresh();
    this.bar.stop();
    this.org.events.off('job:finished', this.onJob);
    this.org.events.off('runner:waiting', this.onWaiting);
  }
}
