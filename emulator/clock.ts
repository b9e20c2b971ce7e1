/**
 * The org clock: the one source of every timestamp in the org (CreatedDate and its friends, job
 * times, the not-before time of delayed jobs, retry backoff). Real time by default; a virtual
 * clock stands still until it is set or advanced, so tests and replays never sleep.
 */
export interface OrgClock {
  /** The current org time. */
  now(): Date;
  readonly kind: 'real' | 'virtual';
  /**
   * Calls `listener` whenever the clock jumps (a virtual clock set or advanced), so a runner
   * waiting for a delayed job can look again; returns the function that stops the calls. The real
   * clock never jumps and has none.
   */
  onChange?(listener: () => void): () => void;
}

export class RealClock implements OrgClock {
  readonly kind = 'real';

  now(): Date {
    return new Date();
  }
}

export class VirtualClock implements OrgClock {
  readonly kind = 'virtual';
  private current: number;
  private readonly listeners = new Set<() => void>();

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`not a date: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to an instant; time never runs backwards. */
  set(instant: Date | string): void {
    const next = new Date(instant).getTime();
    if (Number.isNaN(next)) throw new Error(`not a date: ${String(instant)}`);
    this.current = Math.max(this.current, next);
    this.changed();
  }

  /** Moves the clock forward by a number of milliseconds. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`cannot advance the clock by ${ms} ms`);
    this.current += ms;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
