/**
 * The clock an org remembers between runs. An org on the real clock needs nothing stored; an org
 * switched to virtual time (`aflo-emu clock set`, `reset --at`) keeps the mode and the current
 * virtual instant in `emu_setting`, so the next command continues from there, and `clock real`
 * switches it back. The instant is saved whenever the virtual clock moves and when the org closes.
 */
import { RealClock, VirtualClock, type OrgClock } from './clock.ts';
import type { OrgSettings } from './org-settings.ts';

/**
 * How an org gets its clock: a clock object (tests, replays) used as it is; `remembered`, the
 * mode stored in the database (real when none); `virtual`, virtual time for this run: the
 * remembered virtual time, or for an org on real time from now (or the instant a virtual run
 * left, if that is later); or `{ virtualAt }`, virtual time starting at an instant.
 */
export type ClockChoice = OrgClock | 'remembered' | 'virtual' | { virtualAt: Date };

const MODE = 'clock.mode';
const NOW = 'clock.now';

export interface ResolvedClock {
  clock: OrgClock;
  /** Whether the org must save the virtual clock's instant as it moves. */
  remembered: boolean;
}

export function resolveClock(choice: ClockChoice, settings: OrgSettings): ResolvedClock {
  if (typeof choice === 'object' && !('virtualAt' in choice)) {
    return { clock: choice, remembered: false };
  }
  if (typeof choice === 'object')
    return { clock: new VirtualClock(choice.virtualAt), remembered: true };

  const stored = storedInstant(settings);
  if (settings.get(MODE) === 'virtual') {
    return { clock: new VirtualClock(stored ?? new Date()), remembered: true };
  }
  if (choice === 'virtual') {
    // An org on real time has records stamped up to now: its virtual time starts no earlier.
    const now = new Date();
    const start = stored !== undefined && stored > now ? stored : now;
    return { clock: new VirtualClock(start), remembered: true };
  }
  return { clock: new RealClock(), remembered: false };
}

/** Stores the mode (and for virtual time the instant) the org's next run starts with. */
export function rememberClockMode(settings: OrgSettings, clock: OrgClock): void {
  if (clock.kind === 'virtual') {
    settings.set(MODE, 'virtual');
    saveInstant(settings, clock);
  } else {
    settings.delete(MODE);
  }
}

/** Saves a virtual clock's instant (the real clock has nothing to save). */
export function saveInstant(settings: OrgSettings, clock: OrgClock): void {
  if (clock.kind === 'virtual') settings.set(NOW, clock.now().toISOString());
}

/** The mode the database remembers. */
export function rememberedMode(settings: OrgSettings): 'real' | 'virtual' {
  return settings.get(MODE) === 'virtual' ? 'virtual' : 'real';
}

function storedInstant(settings: OrgSettings): Date | undefined {
  const raw = settings.get(NOW);
  if (raw === undefined) return undefined;
  const instant = new Date(raw);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
