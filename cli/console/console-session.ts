/**
 * Console logins: the `sid` cookie (HttpOnly, SameSite=Lax) holds an access token of the REST
 * API's session store, so a console login is an API session, as on the platform, and expires
 * with it. Beside each session the console keeps its own state: the CSRF token every POST form
 * carries in a hidden field, the message to show once on the next page (a "flash"), and the
 * Developer Console's recent runs.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Session, SessionStore, SessionUser } from '../../emulator/rest/sessions.ts';
import type { AnonymousResult } from '../../emulator/anonymous.ts';

export const SESSION_COOKIE = 'sid';

/** A message shown once, at the top of the next page. */
export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: string;
}

/** One Developer Console run, kept so its log page can be reloaded. */
export interface DebugRun {
  id: number;
  source: string;
  ranAt: Date;
  result: AnonymousResult;
}

/** A logged-in console user: the API session and the console's state beside it. */
export interface ConsoleSession {
  session: Session;
  csrfToken: string;
  flash?: Flash;
  /** Most recent first, at most MAX_RUNS. */
  runs: DebugRun[];
  nextRunId: number;
}

export const MAX_RUNS = 20;

export class ConsoleSessions {
  private readonly states = new Map<string, ConsoleSession>();

  constructor(private readonly sessions: SessionStore) {}

  /** Opens an API session for the user and sets the cookie. */
  open(res: Response, user: SessionUser): ConsoleSession {
    const session = this.sessions.create(user);
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    });
    return this.stateOf(session);
  }

  /** The live session the request's cookie names, or undefined. */
  find(req: Request): ConsoleSession | undefined {
    const token = cookieValue(req, SESSION_COOKIE);
    if (token === undefined) return undefined;
    const session = this.sessions.verify(token);
    if (session === undefined) {
      this.states.delete(token);
      return undefined;
    }
    return this.stateOf(session);
  }

  /** Ends the session (it is revoked for the API too) and clears the cookie. */
  close(res: Response, state: ConsoleSession): void {
    this.sessions.revoke(state.session.token);
    this.states.delete(state.session.token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  private stateOf(session: Session): ConsoleSession {
    let state = this.states.get(session.token);
    if (state === undefined) {
      state = { session, csrfToken: randomBytes(24).toString('base64url'), runs: [], nextRunId: 1 };
      this.states.set(session.token, state);
    }
    return state;
  }
}

/** The session `requireLogin` (console-guards.ts) found for this request. */
export function consoleSessionOf(res: Response): ConsoleSession {
  return res.locals.console as ConsoleSession;
}

/** Shows `flash` once on the next page this session opens. */
export function setFlash(res: Response, flash: Flash): void {
  consoleSessionOf(res).flash = flash;
}

/** The flash to show now, which is then forgotten. */
export function takeFlash(state: ConsoleSession): Flash | undefined {
  const flash = state.flash;
  delete state.flash;
  return flash;
}

/** A text field of a parsed form body; empty when absent or not text. */
export function formField(req: Request, name: string): string {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** A cookie of the request, decoded; undefined when absent or malformed. */
function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
