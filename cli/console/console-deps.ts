/**
 * What the console's pages share: the org they show, the session store the REST API uses too (a
 * console login is an API session, as on the platform), the logger, and the Amberflo the org
 * calls, which the Fake Amberflo page reaches over HTTP only.
 */
import type { Logger } from 'pino';
import type { Org } from '../../emulator/org.ts';
import type { SessionStore } from '../../emulator/rest/sessions.ts';

export interface ConsoleDeps {
  org: Org;
  sessions: SessionStore;
  logger: Logger;
  amberflo: {
    /** The base URL the package calls, e.g. `http://127.0.0.1:41735`; empty when none. */
    url: string;
    /** Whether it is the fake Amberflo built into aflo-emu (which has `/__admin` endpoints). */
    builtInFake: boolean;
  };
}
