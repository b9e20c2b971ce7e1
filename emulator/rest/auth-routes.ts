/**
 * Logging in, mounted at `/services`: the partner SOAP API's login and logout (soap-routes.ts)
 * and OAuth 2.0's token and revoke endpoints (oauth-routes.ts). Passwords are checked against
 * the org's users (emulator/users/); sessions live in the session store (sessions.ts).
 */
import { Router } from 'express';
import { oauthRoutes } from './oauth-routes.ts';
import type { RestDeps } from './rest-deps.ts';
import { soapRoutes } from './soap-routes.ts';

export function authRoutes(deps: RestDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(soapRoutes(deps));
  router.use(oauthRoutes(deps));
  return router;
}
