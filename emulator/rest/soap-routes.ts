/**
 * The partner SOAP API's `login` and `logout` at `POST /services/Soap/u/{version}` (what
 * jsforce's `conn.login(user, pass)` calls without an OAuth client), and nothing else of SOAP.
 * A bad login is the platform's HTTP 500 fault `INVALID_LOGIN`; jsforce throws its faultstring.
 */
import express, { Router, type Request, type Response } from 'express';
import { findUser, verifyPassword } from '../users/users.ts';
import type { RestDeps } from './rest-deps.ts';
import { instanceUrlOf } from './instance-url.ts';
import {
  clientFault,
  faultXml,
  loginResponseXml,
  logoutResponseXml,
  parseSoapRequest,
  SoapFault,
} from './soap-envelope.ts';

const INVALID_LOGIN = 'Invalid username, password, security token; or user locked out.';

export function soapRoutes(deps: RestDeps): Router {
  const router = Router();
  const log = deps.logger.child({ component: 'auth' });

  router.post(
    '/Soap/u/:version{/:orgId}',
    express.text({ type: () => true, limit: '64kb' }),
    async (req: Request, res: Response) => {
      try {
        const version = String(req.params.version);
        if (!/^\d{2}\.0$/.test(version)) {
          throw clientFault(`API version ${version} is not supported; use one like 62.0`);
        }
        const request = parseSoapRequest(typeof req.body === 'string' ? req.body : '');
        if (request.operation === 'login') {
          const ok = await login(deps, req, res, version, request);
          log.info({ username: request.username }, ok ? 'SOAP login' : 'SOAP login refused');
        } else if (request.operation === 'logout') {
          if (deps.sessions.verify(request.sessionId) === undefined) throw invalidSession();
          deps.sessions.revoke(request.sessionId);
          res.type('text/xml; charset=utf-8').send(logoutResponseXml());
        } else {
          throw clientFault(
            `aflo-emu's SOAP API answers login and logout only, not ${request.name}; use the REST API`,
          );
        }
      } catch (error) {
        if (!(error instanceof SoapFault)) throw error;
        res.status(500).type('text/xml; charset=utf-8').send(faultXml(error));
      }
    },
  );
  return router;
}

/** Answers a login: the loginResponse and true, or the INVALID_LOGIN fault and false. */
async function login(
  deps: RestDeps,
  req: Request,
  res: Response,
  version: string,
  request: { username: string; password: string },
): Promise<boolean> {
  const user = await verifyPassword(deps.org, request.username.trim(), request.password);
  const profile = user === undefined ? undefined : findUser(deps.org, user.username);
  if (user === undefined || profile === undefined) {
    const fault = new SoapFault(
      'sf:INVALID_LOGIN',
      `INVALID_LOGIN: ${INVALID_LOGIN}`,
      'INVALID_LOGIN',
      INVALID_LOGIN,
    );
    res.status(500).type('text/xml; charset=utf-8').send(faultXml(fault));
    return false;
  }

  const session = deps.sessions.create(user);
  const instance = instanceUrlOf(req);
  const orgId = deps.org.orgId();
  res.type('text/xml; charset=utf-8').send(
    loginResponseXml({
      serverUrl: `${instance}/services/Soap/u/${version}/${orgId}`,
      metadataServerUrl: `${instance}/services/Soap/m/${version}/${orgId}`,
      sessionId: session.token,
      sessionSecondsValid: deps.sessions.lifetimeSeconds,
      userId: user.userId,
      organizationId: orgId,
      organizationName: 'aflo-emu',
      username: profile.username,
      userFullName: profile.name,
      userEmail: profile.email,
      userTimeZone: profile.timeZone,
    }),
  );
  return true;
}

function invalidSession(): SoapFault {
  const message = 'Invalid Session ID found in SessionHeader: Illegal Session';
  return new SoapFault(
    'sf:INVALID_SESSION_ID',
    `INVALID_SESSION_ID: ${message}`,
    'INVALID_SESSION_ID',
    message,
  );
}
