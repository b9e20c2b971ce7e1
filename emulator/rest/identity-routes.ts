/**
 * The identity service at `GET /id/{orgId}/{userId}` (the `id` URL of a login), which jsforce's
 * `conn.identity()` reads with the session in the Authorization header and as `oauth_token`.
 * A session that is missing or has expired is 401 INVALID_SESSION_ID, so jsforce logs in again
 * and retries; Ids that are not the session's org and user are 403 `Bad_Id`.
 */
import { Router, type Request } from 'express';
import { toId18 } from '../ids.ts';
import { formatDatetime } from '../storage/codec.ts';
import { userById, type UserProfile } from '../users/users.ts';
import type { RestDeps } from './rest-deps.ts';
import { instanceUrlOf } from './instance-url.ts';
import { sendErrors } from './rest-errors.ts';
import type { Session, SessionStore } from './sessions.ts';

export function identityRoutes(deps: RestDeps): Router {
  const router = Router();
  router.get('/:orgId/:userId', (req, res) => {
    const session = sessionOf(req, deps.sessions);
    if (session === undefined) {
      sendErrors(res, 401, [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
      return;
    }
    const orgId = deps.org.orgId();
    const user = userById(deps.org, session.userId);
    if (
      user === undefined ||
      toId18(String(req.params.orgId)) !== orgId ||
      toId18(String(req.params.userId)) !== user.userId
    ) {
      res.status(403).type('text/plain').send('Bad_Id');
      return;
    }
    res.json(identityOf(instanceUrlOf(req), orgId, user));
  });
  return router;
}

/** The session of the Authorization header, else of the `oauth_token` parameter. */
function sessionOf(req: Request, sessions: SessionStore): Session | undefined {
  const header = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec((req.get('authorization') ?? '').trim());
  const fromHeader = header?.[1] === undefined ? undefined : sessions.verify(header[1]);
  if (fromHeader !== undefined) return fromHeader;
  const token = req.query.oauth_token;
  return typeof token === 'string' ? sessions.verify(token) : undefined;
}

function identityOf(instance: string, orgId: string, user: UserProfile): Record<string, unknown> {
  const soap = (kind: string) => `${instance}/services/Soap/${kind}/{version}/${orgId}`;
  const data = `${instance}/services/data/v{version}`;
  return {
    id: `${instance}/id/${orgId}/${user.userId}`,
    asserted_user: true,
    user_id: user.userId,
    organization_id: orgId,
    username: user.username,
    nick_name: user.username.slice(0, user.username.indexOf('@')),
    display_name: user.name,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: user.timeZone,
    active: user.active,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: formatDatetime(user.lastModifiedDate),
    is_app_installed: true,
    urls: {
      enterprise: soap('c'),
      metadata: soap('m'),
      partner: soap('u'),
      rest: `${data}/`,
      sobjects: `${data}/sobjects/`,
      search: `${data}/search/`,
      query: `${data}/query/`,
      recent: `${data}/recent/`,
      tooling_soap: soap('T'),
      tooling_rest: `${data}/tooling/`,
      profile: `${instance}/${user.userId}`,
      users: `${data}/chatter/users`,
      custom_domain: instance,
    },
  };
}
