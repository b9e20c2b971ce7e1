import { describe, expect, it } from 'vitest';

import { restoreJobState, serializeJobState } from '../../../emulator/async/job-state.ts';

class Job {
  label = 'default';
  at: Date | null = null;
  nested: { when: Date } | null = null;
  static constructed = 0;

  constructor() {
    Job.constructed++;
  }

  describe(): string {
    return `${this.label}@${this.at?.toISOString() ?? '-'}`;
  }
}

describe('job state', () => {
  it('brings back fields, Dates and nested Dates with the class methods when restored', () => {
    const job = new Job();
    job.label = 'x';
    job.at = new Date('2026-01-02T03:04:05.006Z');
    job.nested = { when: new Date('2027-01-01T00:00:00.000Z') };

    const restored = restoreJobState(Job, serializeJobState(job)) as Job;

    expect(restored).toBeInstanceOf(Job);
    expect(restored.describe()).toBe('x@2026-01-02T03:04:05.006Z');
    expect(restored.nested?.when).toEqual(new Date('2027-01-01T00:00:00.000Z'));
  });

  it('does not run the constructor when restoring', () => {
    const state = serializeJobState(new Job());
    const before = Job.constructed;
    restoreJobState(Job, state);
    expect(Job.constructed).toBe(before);
  });
});
