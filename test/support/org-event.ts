/**
 * Waiting on an org's events instead of sleeping: the next event of a kind (that matches), as a
 * promise. The test's own timeout is the safety net.
 */
import type { Org } from '../../emulator/org.ts';
import type { OrgEventMap } from '../../emulator/org-events.ts';

export function nextEvent<K extends keyof OrgEventMap>(
  org: Org,
  name: K,
  matches: (...payload: OrgEventMap[K]) => boolean = () => true,
): Promise<OrgEventMap[K][0]> {
  return new Promise((resolve) => {
    const listener = (...payload: OrgEventMap[K]): void => {
      if (!matches(...payload)) return;
      org.events.off(name, listener as never);
      resolve(payload[0]);
    };
    org.events.on(name, listener as never);
  });
}
