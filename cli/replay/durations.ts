/** Durations as scenarios write them (`5m`) and as the report prints virtual time (`+1h 2m`). */
import { durationMs } from './schema.ts';

/** `30s`, `5m`, `2h`, `1d` in milliseconds; the schema has already checked the shape. */
export function parseDuration(text: string): number {
  const ms = durationMs(text);
  if (!Number.isFinite(ms)) throw new Error(`not a duration: ${text} (write 30s, 5m, 2h or 1d)`);
  return ms;
}

/** How far the virtual clock has moved since the scenario started: `+0s`, `+7m`, `+1d 2h 30s`. */
export function formatElapsed(ms: number): string {
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const amount = Math.floor(rest / seconds);
    rest -= amount * seconds;
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return `+${parts.length === 0 ? '0s' : parts.join(' ')}`;
}
