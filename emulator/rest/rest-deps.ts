/**
 * What the REST API's routers share: the org they serve, the logger, the session store, and the
 * path under which the org's public Salesforce Site answers (Apex REST without a session).
 */
import type { Logger } from 'pino';
import type { Org } from '../org.ts';
import type { SessionStore } from './sessions.ts';

export interface RestDeps {
  org: Org;
  logger: Logger;
  sessions: SessionStore;
  /** The public site's path prefix, e.g. `/amberflo`: `/amberflo/services/apexrest/…`. */
  sitePrefix: string;
}
