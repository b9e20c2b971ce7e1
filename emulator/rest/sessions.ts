/**
 * Sessions of the REST API: an opaque access token per login, valid for two hours of the org's
 * clock by default, held in memory by the server process (a restarted server asks clients to
 * log in again, with 401 INVALID_SESSION_ID, which jsforce answers by logging in again).
 *
 * An OAuth password grant also gets a refresh token, which never expires (as a connected app's
 * default policy) and opens new sessions until it is revoked; revoking it ends the sessions it
 * opened too.
 */
import { randomBytes } from 'node:crypto';
import type { OrgClock } from '../clock.ts';
import { DEFAULT_ORG_ID } from '../org.ts';

/** A live session: who it is for and when it ends. */
export interface Session {
  token: string;
  userId: string;
  username: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Who a session or refresh token is for. */
export interface SessionUser {
  userId: string;
  username: string;
}

export interface SessionStoreOptions {
  /** How long a session lives, in seconds of the org clock. Default two hours. */
  lifetimeSeconds?: number;
  /** The org's Id, which starts every access token as on the platform. Default DEFAULT_ORG_ID. */
  orgId?: string;
}

export const DEFAULT_SESSION_SECONDS = 2 * 60 * 60;

export class SessionStore {
  readonly lifetimeSeconds: number;
  readonly orgId: string;
  private readonly byToken = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, SessionUser & { sessions: Set<string> }>();

  constructor(
    private readonly clock: OrgClock,
    options: SessionStoreOptions = {},
  ) {
    this.lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_SESSION_SECONDS;
    this.orgId = options.orgId ?? DEFAULT_ORG_ID;
  }

  /** Opens a session for the user and returns it. */
  create(user: SessionUser): Session {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    const issuedAt = this.clock.now();
    const session = {
      token,
      userId: user.userId,
      username: user.username,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + this.lifetimeSeconds * 1000),
    };
    this.byToken.set(token, session);
    return session;
  }

  /** The session of a token, or undefined when it is unknown or has expired (then it is dropped). */
  verify(token: string): Session | undefined {
    const session = this.byToken.get(token);
    if (session === undefined) return undefined;
    if (session.expiresAt.getTime() <= this.clock.now().getTime()) {
      this.byToken.delete(token);
      return undefined;
    }
    return session;
  }

  /**
   * Ends a session (logout, revoke), or a refresh token and every session it opened; returns
   * whether the token was known.
   */
  revoke(token: string): boolean {
    const refresh = this.refreshTokens.get(token);
    if (refresh !== undefined) {
      for (const session of refresh.sessions) this.byToken.delete(session);
      this.refreshTokens.delete(token);
      return true;
    }
    return this.byToken.delete(token);
  }

  /** A new refresh token for the user, tied to the session it came with. */
  issueRefreshToken(session: Session): string {
    const token = `5Aep861${randomBytes(32).toString('base64url')}`;
    this.refreshTokens.set(token, {
      userId: session.userId,
      username: session.username,
      sessions: new Set([session.token]),
    });
    return token;
  }

  /** Opens a new session with a refresh token; undefined when the token is unknown or revoked. */
  refresh(refreshToken: string): Session | undefined {
    const refresh = this.refreshTokens.get(refreshToken);
    if (refresh === undefined) return undefined;
    for (const token of refresh.sessions) {
      if (this.verify(token) === undefined) refresh.sessions.delete(token);
    }
    const session = this.create(refresh);
    refresh.sessions.add(session.token);
    return session;
  }
}
