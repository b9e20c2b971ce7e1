import { describe, expect, it } from 'vitest';

import { RealClock, VirtualClock } from '../../../emulator/clock.ts';

describe('VirtualClock', () => {
  it('stands still when nobody moves it', () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(clock.kind).toBe('virtual');
  });

  it('moves forward when advanced or set to a later instant', () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:30.000Z');
    clock.set('2026-02-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('never runs backwards when set to an earlier instant', () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    clock.set('2025-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('hands out copies when asked for now', () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses when advanced by a negative or non-numeric amount', () => {
    const clock = new VirtualClock();
    expect(() => clock.advance(-1)).toThrow();
    expect(() => clock.advance(Number.NaN)).toThrow();
  });

  it('refuses when given something that is not a date', () => {
    expect(() => new VirtualClock('not a date')).toThrow();
    expect(() => new VirtualClock().set('not a date')).toThrow();
  });
});

describe('RealClock', () => {
  it('reports the real kind when asked', () => {
    const clock = new RealClock();
    expect(clock.kind).toBe('real');
    expect(clock.now()).toBeInstanceOf(Date);
  });
});
