/**
 * The progress bar on stderr while the queue drains: async events finished out of the events
 * this run has written so far (the total grows as download jobs write theirs).
 */
import cliProgress from 'cli-progress';
import type { Org } from '../../emulator/org.ts';
import type { RunTracker } from './run-tracker.ts';

const REFRESH_MS = 100;

export class DrainProgress {
  private readonly bar: cliProgress.SingleBar | undefined;
  private last = 0;

  constructor(
    private readonly org: Org,
    private readonly tracker: RunTracker,
    enabled: boolean,
  ) {
    if (!enabled) return;
    this.bar = new cliProgress.SingleBar(
      {
        format: 'events {bar} {value}/{total} | jobs run: {jobs}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        noTTYOutput: false,
        notTTYSchedule: 1000,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(0, 0, { jobs: 0 });
    org.events.on('job:finished', this.onJob);
  }

  private readonly onJob = (): void => {
    const now = Date.now();
    if (now - this.last < REFRESH_MS) return;
    this.last = now;
    this.refresh();
  };

  private refresh(): void {
    if (this.bar === undefined) return;
    const total = this.tracker.eventIds.size;
    const unfinished = this.org.query(
      'SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__NextAttemptAt__c != null',
    ).totalSize;
    this.bar.setTotal(total);
    this.bar.update(Math.max(0, total - unfinished), { jobs: this.tracker.jobIds.size });
  }

  stop(): void {
    if (this.bar === undefined) return;
    this.refresh();
    this.bar.stop();
    this.org.events.off('job:finished', this.onJob);
  }
}
