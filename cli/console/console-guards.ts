/**
 * The checks in front of every console page: a login (the `sid` cookie naming a live session)
 * and, on every POST, the session's CSRF token in the form's `_csrf` field, so another site
 * cannot make a logged-in browser submit the console's forms.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { consoleSessionOf, formField, type ConsoleSessions } from './console-session.ts';
import { errorBody } from './console-errors.ts';
import { sendPage } from './layout.ts';

/**
 * Lets only logged-in users through and leaves their session on `res.locals.console`. A page
 * asked for without a session redirects to the login page, which comes back to it; anything
 * else (a form post, the live event stream) is refused with 401.
 */
export function requireLogin(sessions: ConsoleSessions): RequestHandler {
  return (req, res, next) => {
    const state = sessions.find(req);
    if (state !== undefined) {
      res.locals.console = state;
      next();
      return;
    }
    const login = `/login?startURL=${encodeURIComponent(req.originalUrl)}`;
    if (req.method === 'GET' && req.get('accept')?.includes('text/event-stream') !== true) {
      res.redirect(303, login);
      return;
    }
    refuse(
      res,
      401,
      'Your session has ended',
      'Log in again, then send the form once more.',
      login,
    );
  };
}

/** Refuses (403) a POST whose `_csrf` field is not the session's token. Runs after the body parser. */
export const requireCsrfToken: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') {
    next();
    return;
  }
  const expected = Buffer.from(consoleSessionOf(res).csrfToken);
  const sent = Buffer.from(formField(req, '_csrf'));
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    const message =
      'This form has expired or did not come from the console: nothing was saved. Reload the page and try again.';
    refuse(res, 403, 'Form refused', message, sameSitePage(req.get('referer'), req.get('host')));
    return;
  }
  next();
};

/** The page a form came from when it is one of this server's, else the console's home. */
function sameSitePage(referer: string | undefined, host: string | undefined): string {
  try {
    const url = new URL(referer ?? '');
    return url.host === host ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

function refuse(
  res: Response,
  status: number,
  heading: string,
  message: string,
  href: string,
): void {
  sendPage(res, {
    title: heading,
    status,
    body: errorBody(heading, message, { href, label: 'Continue' }),
  });
}
