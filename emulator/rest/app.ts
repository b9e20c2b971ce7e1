/**
 * The org's HTTP face: the Salesforce REST API (data, tooling, Apex REST) and login, as an
 * express app that does not listen, so tests send it requests in process or on a loopback port.
 *
 * Routes, each in its own router:
 * - `POST /services/Soap/u/{version}` (SOAP login, logout) and `/services/oauth2/*`: auth-routes.ts
 * - `GET /id/{orgId}/{userId}` (the identity service): identity-routes.ts
 * - `GET /services/data`: the versions, no session needed
 * - `/services/data/v{version}/…`: data-routes.ts, and `…/tooling/…`: tooling-routes.ts
 * - `/services/apexrest/…` (session) and `{sitePrefix}/services/apexrest/…` (public site, no
 *   session): apex-rest-routes.ts
 * Anything else is 404 NOT_FOUND; every error is written by rest-errors.ts.
 */
import express, { type Express } from 'express';
import { API_VERSIONS, requireVersion } from './api-versions.ts';
import { apexRestRoutes } from './apex-rest-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { dataRoutes } from './data-routes.ts';
import { identityRoutes } from './identity-routes.ts';
import type { RestDeps } from './rest-deps.ts';
import { notFound, restErrorHandler } from './rest-errors.ts';
import { requireSession } from './require-session.ts';
import { toolingRoutes } from './tooling-routes.ts';

export function createRestApp(deps: RestDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use('/services', authRoutes(deps));
  app.use('/id', identityRoutes(deps));
  app.get(['/services/data', '/services/data/'], (_req, res) => {
    res.json(API_VERSIONS);
  });

  const versioned = express.Router({ mergeParams: true });
  versioned.use(requireVersion, requireSession(deps.sessions));
  versioned.use('/tooling', toolingRoutes(deps));
  versioned.use('/', dataRoutes(deps));
  app.use('/services/data/:version', versioned);

  app.use('/services/apexrest', requireSession(deps.sessions), apexRestRoutes(deps));
  app.use(`${deps.sitePrefix}/services/apexrest`, apexRestRoutes(deps));

  app.use(() => {
    throw notFound();
  });
  app.use(restErrorHandler(deps.logger));
  return app;
}
