/**
 * The session check of every data route: `Authorization: Bearer <token>` (or `OAuth <token>`)
 * naming a live session, else 401 INVALID_SESSION_ID, which jsforce answers by logging in again.
 * The session is left on `res.locals.session` for the routes.
 */
import type { RequestHandler, Response } from 'express';
import type { Session, SessionStore } from './sessions.ts';
import { sendErrors } from './rest-errors.ts';

export function requireSession(sessions: SessionStore): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim());
    const session = match?.[1] === undefined ? undefined : sessions.verify(match[1]);
    if (session === undefined) {
      sendErrors(res, 401, [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
      return;
    }
    res.locals.session = session;
    next();
  };
}

/** The session `requireSession` found for this request. */
export function sessionOf(res: Response): Session {
  return res.locals.session as Session;
}
