/**
 * The web console `aflo-emu serve` shows at `/`: server-rendered pages in the Lightning Design
 * System, each at a URL that can be bookmarked and reloaded, for the org's users (the API's
 * logins, console-session.ts). It is an express router placed before the REST API: what it does
 * not answer goes on to the API.
 *
 * - `/login`, `/logout`: login-page.ts; `/` goes to the Async Events tab
 * - `/lightning/o/AFLO__AsyncEvent__c/list` (and `/stream`), `/lightning/r/AFLO__AsyncEvent__c/{id}/view`: events/
 * - `/lightning/o/{AFLO object}/list|new`, `/lightning/r/{AFLO object}/{id}/view|edit|delete`: records/
 * - `/lightning/setup/AsyncApexJobs/home`, `/lightning/setup/ScheduledJobs/home`: jobs/
 * - `/lightning/n/AFLO__Settings`: settings-page.ts; `/developer-console`: developer-console-page.ts
 * - `/fake-amberflo`: fake/, the built-in fake Amberflo over HTTP
 * - `/assets/…`: static-assets.ts, the design system and the console's script, no session
 *
 * Every POST carries the session's CSRF token. Any other path under these prefixes is a 404 page.
 */
import { Router } from 'express';
import type { ConsoleDeps } from './console-deps.ts';
import { consoleErrorHandler, notFoundPage } from './console-errors.ts';
import { requireCsrfToken, requireLogin } from './console-guards.ts';
import { ConsoleSessions } from './console-session.ts';
import { developerConsoleRoutes } from './developer-console-page.ts';
import { eventDetailRoutes } from './events/event-detail-page.ts';
import { eventListRoutes } from './events/event-list-page.ts';
import { EventStreams } from './events/event-stream.ts';
import { fakeAmberfloRoutes } from './fake/fake-amberflo-page.ts';
import { formBody } from './forms.ts';
import { apexJobsRoutes } from './jobs/apex-jobs-page.ts';
import { scheduledJobsRoutes } from './jobs/scheduled-jobs-page.ts';
import { loginRoutes } from './login-page.ts';
import { recordEditRoutes } from './records/record-edit-pages.ts';
import { recordListRoutes } from './records/record-list-page.ts';
import { recordViewRoutes } from './records/record-view-page.ts';
import { settingsRoutes } from './settings-page.ts';
import { staticAssets } from './static-assets.ts';

/** The paths the console owns (and answers 404 under); everything else is the API's. */
const CONSOLE_PATHS = ['/lightning', '/developer-console', '/fake-amberflo'];

export interface WebConsole {
  router: Router;
  /** Ends the live streams, so a stopping server is not held open by them. */
  close(): void;
}

export function createConsole(deps: ConsoleDeps): WebConsole {
  const sessions = new ConsoleSessions(deps.sessions);
  const streams = new EventStreams(deps.org, deps.logger);
  const router = Router();

  router.use(staticAssets());
  router.use(loginRoutes(deps, sessions));
  router.use(CONSOLE_PATHS, requireLogin(sessions), formBody, requireCsrfToken);
  router.use(streams.routes());
  router.use(eventListRoutes(deps));
  router.use(eventDetailRoutes(deps));
  router.use(recordListRoutes(deps));
  router.use(recordEditRoutes(deps));
  router.use(recordViewRoutes(deps));
  router.use(apexJobsRoutes(deps));
  router.use(scheduledJobsRoutes(deps));
  router.use(settingsRoutes(deps));
  router.use(developerConsoleRoutes(deps));
  router.use(fakeAmberfloRoutes(deps));
  router.use(CONSOLE_PATHS, notFoundPage(sessions));
  router.use(consoleErrorHandler(deps.logger, sessions));
  return { router, close: () => streams.close() };
}
