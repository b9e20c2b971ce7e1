/**
 * The one logger: pino, injected into the org and passed down as child loggers scoped per
 * component (`{ component: 'runner', jobId }`). Silent unless the caller gives one.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** A logger that writes nothing: the default for orgs made in tests and libraries. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A logger writing JSON lines to stderr at the given level (`AFLO_EMU_LOG_LEVEL` in the CLI). */
export function stderrLogger(level: string): Logger {
  return pino({ level }, pino.destination(2));
}
