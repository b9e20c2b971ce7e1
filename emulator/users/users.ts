/**
 * The org's users, as the login routes and the CLI see them: `User` records (Username unique,
 * compared without case as the platform does) with a password each, kept as a hash in the
 * emulator's own table (password-store.ts). The default user gets the well-known password
 * `aflo-emu` when the org is installed; `aflo-emu user add` makes more.
 */
import { randomBytes } from 'node:crypto';
import type { Org } from '../org.ts';
import { hashPassword, matchesHash } from './password-hash.ts';
import { readPasswordHash, writePasswordHash } from './password-store.ts';

/** The default user's password until someone changes it (the server binds to loopback). */
export const DEFAULT_PASSWORD = 'aflo-emu';

/** Shortest password `addUser` and `setPassword` accept, as a real org's default policy. */
export const MIN_PASSWORD_LENGTH = 8;

/** Who a login is for. */
export interface UserIdentity {
  userId: string;
  username: string;
}

/** A user as the identity service and the SOAP login result describe it. */
export interface UserProfile extends UserIdentity {
  firstName: string | null;
  lastName: string;
  name: string;
  email: string;
  timeZone: string;
  active: boolean;
  lastModifiedDate: Date;
}

export type UserErrorCode =
  'DUPLICATE_USERNAME' | 'INVALID_USERNAME' | 'INVALID_PASSWORD' | 'USER_NOT_FOUND';

/** A user could not be added or changed; the message says what to do instead. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface NewUser {
  /** An email-shaped username, unique in the org without regard to case. */
  username: string;
  /** Default: a generated one, returned. */
  password?: string;
  firstName?: string;
  /** Default: the part of the username before `@`. */
  lastName?: string;
}

const USER_FIELDS =
  'Id, Username, FirstName, LastName, Name, Email, TimeZoneSidKey, IsActive, LastModifiedDate';
const USERNAME = /^[^\s@]+@[^\s@]+$/;

/** The user with this username (any case), or undefined. */
export function findUser(org: Org, username: string): UserProfile | undefined {
  const [record] = org.query(`SELECT ${USER_FIELDS} FROM User WHERE Username = :username`, {
    binds: { username },
  }).records;
  return record === undefined ? undefined : toProfile(record);
}

/** The user with this Id, or undefined. */
export function userById(org: Org, userId: string): UserProfile | undefined {
  const [record] = org.query(`SELECT ${USER_FIELDS} FROM User WHERE Id = :userId`, {
    binds: { userId },
  }).records;
  return record === undefined ? undefined : toProfile(record);
}

/**
 * Checks a login: the active user with this username whose password this is, else undefined.
 * An unknown user costs the same hash as a known one, so timing tells nothing.
 */
export async function verifyPassword(
  org: Org,
  username: string,
  password: string,
): Promise<UserIdentity | undefined> {
  const user = findUser(org, username);
  const stored = user === undefined ? undefined : readPasswordHash(org.db, user.userId);
  const matches = await matchesHash(password, stored ?? (await decoyHash()));
  if (user === undefined || stored === undefined || !matches || !user.active) return undefined;
  return { userId: user.userId, username: user.username };
}

/** Adds a user (a `User` record and its password); returns it with the password it got. */
export async function addUser(
  org: Org,
  input: NewUser,
): Promise<UserIdentity & { password: string }> {
  const username = input.username.trim();
  if (username.length > 80 || !USERNAME.test(username)) {
    throw new UserError(
      'INVALID_USERNAME',
      `a username looks like an email address (name@example.com), at most 80 characters; got: ${input.username}`,
    );
  }
  const password = input.password ?? generatePassword();
  const hash = await hashPassword(checkPassword(password));
  const lastName = input.lastName?.trim() || username.slice(0, username.indexOf('@'));
  const firstName = input.firstName?.trim() || null;

  const userId = await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
    if (findUser(org, username) !== undefined) {
      throw new UserError(
        'DUPLICATE_USERNAME',
        `a user named ${username} already exists; choose another username`,
      );
    }
    const [result] = org.dml.insert(
      tx,
      [
        {
          attributes: { type: 'User' },
          Username: username,
          FirstName: firstName,
          LastName: lastName,
          Name: [firstName, lastName].filter((part) => part !== null).join(' '),
          Email: username,
          Alias: username.slice(0, Math.min(8, username.indexOf('@'))),
          TimeZoneSidKey: 'GMT',
        },
      ],
      { system: true },
    );
    const id = result?.id ?? '';
    writePasswordHash(org.db, tx, id, hash);
    return id;
  });
  return { userId, username, password };
}

/** A new random password: 16 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Gives an existing user a new password. */
export async function setPassword(org: Org, username: string, password: string): Promise<void> {
  const hash = await hashPassword(checkPassword(password));
  await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
    const user = findUser(org, username);
    if (user === undefined) {
      throw new UserError(
        'USER_NOT_FOUND',
        `no user named ${username} in this org; add one with aflo-emu user add`,
      );
    }
    writePasswordHash(org.db, tx, user.userId, hash);
  });
}

/** Gives the user `DEFAULT_PASSWORD` if it has no password yet (on install, and for old orgs). */
export async function installDefaultPassword(org: Org, userId: string): Promise<void> {
  if (readPasswordHash(org.db, userId) !== undefined) return;
  const hash = await defaultHash();
  await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
    if (readPasswordHash(org.db, userId) === undefined) writePasswordHash(org.db, tx, userId, hash);
  });
}

/** Whether the user's password is still `DEFAULT_PASSWORD`. */
export async function hasDefaultPassword(org: Org, userId: string): Promise<boolean> {
  const stored = readPasswordHash(org.db, userId);
  return stored !== undefined && (await matchesHash(DEFAULT_PASSWORD, stored));
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserError(
      'INVALID_PASSWORD',
      `a password needs at least ${MIN_PASSWORD_LENGTH} characters; leave it out to get a generated one`,
    );
  }
  return password;
}

function toProfile(record: Record<string, unknown>): UserProfile {
  return {
    userId: String(record.Id),
    username: String(record.Username),
    firstName: typeof record.FirstName === 'string' ? record.FirstName : null,
    lastName: String(record.LastName ?? ''),
    name: String(record.Name ?? ''),
    email: String(record.Email ?? ''),
    timeZone: String(record.TimeZoneSidKey ?? 'GMT'),
    active: record.IsActive !== false,
    lastModifiedDate: record.LastModifiedDate as Date,
  };
}

// The default password is public, so one hash (one salt) per process serves every org it
// installs; scrypt's cost is then paid once, not once per test org.
let defaultHashOnce: Promise<string> | undefined;
function defaultHash(): Promise<string> {
  defaultHashOnce ??= hashPassword(DEFAULT_PASSWORD);
  return defaultHashOnce;
}

let decoyOnce: Promise<string> | undefined;
function decoyHash(): Promise<string> {
  decoyOnce ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyOnce;
}
