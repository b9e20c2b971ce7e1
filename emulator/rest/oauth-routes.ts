/**
 * OAuth 2.0 at `/services/oauth2`: the token endpoint with the password, client credentials and
 * refresh token grants, and revoke. There is no connected app, so every client id is accepted (a
 * secret too, where the grant needs one), and client credentials run as the default user. Errors
 * are the platform's `{error, error_description}` with status 400, which jsforce throws as an
 * error named after `error`.
 */
import { createHmac } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { userById, verifyPassword } from '../users/users.ts';
import type { RestDeps } from './rest-deps.ts';
import { instanceUrlOf } from './instance-url.ts';
import type { Session } from './sessions.ts';

type Form = Record<string, unknown>;

/** An OAuth error answer. */
class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export function oauthRoutes(deps: RestDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const log = deps.logger.child({ component: 'auth' });

  router.post('/oauth2/token', form, async (req, res) => {
    const body = formOf(req);
    const grant = field(body, 'grant_type');
    try {
      const granted = await grantToken(deps, grant, body);
      log.info({ grant, username: granted.session.username }, 'OAuth token issued');
      sendToken(res, instanceUrlOf(req), deps.org.orgId(), field(body, 'client_secret'), granted);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      log.info({ grant, error: error.error }, 'OAuth token refused');
      res.status(error.status).set(NO_STORE).json({
        error: error.error,
        error_description: error.description,
      });
    }
  });

  router.all('/oauth2/revoke', form, (req, res) => {
    const token = field(formOf(req), 'token') || String(req.query.token ?? '');
    if (token === '' || !deps.sessions.revoke(token)) {
      res.status(400).json({
        error: 'unsupported_token_type',
        error_description: 'this token type is not supported',
      });
      return;
    }
    res.status(200).end();
  });
  return router;
}

interface Granted {
  session: Session;
  refreshToken?: string;
  scope: string;
}

async function grantToken(deps: RestDeps, grant: string, body: Form): Promise<Granted> {
  if (grant !== 'password' && grant !== 'client_credentials' && grant !== 'refresh_token') {
    throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
  if (field(body, 'client_id') === '') {
    throw new OAuthError('invalid_client_id', 'client identifier invalid');
  }

  if (grant === 'password') {
    const user = await verifyPassword(
      deps.org,
      field(body, 'username').trim(),
      field(body, 'password'),
    );
    if (user === undefined) throw new OAuthError('invalid_grant', 'authentication failure');
    const session = deps.sessions.create(user);
    return {
      session,
      refreshToken: deps.sessions.issueRefreshToken(session),
      scope: 'api refresh_token',
    };
  }
  if (grant === 'client_credentials') {
    if (field(body, 'client_secret') === '') {
      throw new OAuthError('invalid_client', 'invalid client credentials');
    }
    const user = userById(deps.org, deps.org.userId());
    if (user === undefined) throw new OAuthError('invalid_grant', 'no default user in this org');
    return { session: deps.sessions.create(user), scope: 'api' };
  }
  const session = deps.sessions.refresh(field(body, 'refresh_token'));
  if (session === undefined) throw new OAuthError('invalid_grant', 'expired access/refresh token');
  return { session, scope: 'api refresh_token' };
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function sendToken(
  res: Response,
  instance: string,
  orgId: string,
  clientSecret: string,
  granted: Granted,
): void {
  const id = `${instance}/id/${orgId}/${granted.session.userId}`;
  const issuedAt = String(granted.session.issuedAt.getTime());
  res
    .status(200)
    .set(NO_STORE)
    .json({
      access_token: granted.session.token,
      ...(granted.refreshToken === undefined ? {} : { refresh_token: granted.refreshToken }),
      signature: createHmac('sha256', clientSecret).update(`${id}${issuedAt}`).digest('base64'),
      scope: granted.scope,
      instance_url: instance,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
}

function formOf(req: Request): Form {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Form) : {};
}

function field(body: Form, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}
