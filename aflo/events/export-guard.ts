/**
 * The export guard: writes to AFLO records that must not be exported back to Amberflo. Applying
 * an inbound event and writing back what Amberflo assigned (a relation id, create and update
 * times) run inside `withoutExport`, and the record triggers write no outbound event then. It is a
 * transaction-scoped static, as the package's Apex would keep it.
 */
import { Statics } from '../../emulator/apex-api.ts';

const SUPPRESS_EXPORT = 'AFLO.suppressExport';

/** Runs `write` with the record triggers' export turned off, and restores the previous state. */
export function withoutExport<T>(write: () => T): T {
  const before = Statics.get<boolean>(SUPPRESS_EXPORT) === true;
  Statics.set(SUPPRESS_EXPORT, true);
  try {
    return write();
  } finally {
    Statics.set(SUPPRESS_EXPORT, before);
  }
}

/** Whether writes in this transaction are currently kept from Amberflo. */
export function exportSuppressed(): boolean {
  return Statics.get<boolean>(SUPPRESS_EXPORT) === true;
}
