/** Users and their passwords: scrypt hashes kept outside every sObject. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_USERNAME } from '../../../emulator/org.ts';
import { hashPassword, matchesHash } from '../../../emulator/users/password-hash.ts';
import {
  addUser,
  DEFAULT_PASSWORD,
  hasDefaultPassword,
  setPassword,
  UserError,
  verifyPassword,
} from '../../../emulator/users/users.ts';
import { openTestOrg, rejectionOf } from '../../support/test-org.ts';

describe('password hashes', () => {
  it('matches the password it was made from and no other', async () => {
    const hash = await hashPassword('correct horse');

    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await matchesHash('correct horse', hash)).toBe(true);
    expect(await matchesHash('correct horse ', hash)).toBe(false);
    expect(await matchesHash('correct horse', 'scrypt$0$0$0$x$y')).toBe(false);
    expect(await matchesHash('correct horse', 'scrypt$16384$8$1$c2FsdA$')).toBe(false);
  });

  it('salts each hash, so one password gives two different hashes', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('verifyPassword', () => {
  it('knows the default user by the default password from install on', async () => {
    const { org } = await openTestOrg();

    expect(await verifyPassword(org, DEFAULT_USERNAME, DEFAULT_PASSWORD)).toEqual({
      userId: org.userId(),
      username: DEFAULT_USERNAME,
    });
    expect(await verifyPassword(org, DEFAULT_USERNAME, 'aflo-emu!')).toBeUndefined();
    expect(await verifyPassword(org, 'nobody@aflo-emu.local', DEFAULT_PASSWORD)).toBeUndefined();
  });

  it('refuses an inactive user', async () => {
    const { org } = await openTestOrg();
    await addUser(org, { username: 'gone@example.test', password: 'password-1' });
    await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      const [user] = org.query("SELECT Id FROM User WHERE Username = 'gone@example.test'").records;
      org.dml.update(
        tx,
        [{ attributes: { type: 'User' }, Id: String(user?.Id), IsActive: false }],
        {
          system: true,
        },
      );
    });

    expect(await verifyPassword(org, 'gone@example.test', 'password-1')).toBeUndefined();
  });
});

describe('addUser', () => {
  it('adds a User record and a hash that no query can read', async () => {
    const { org } = await openTestOrg();

    const added = await addUser(org, {
      username: 'dev@example.test',
      password: 'dev-password',
      firstName: 'Dana',
      lastName: 'Dev',
    });

    const [user] = org.query(
      `SELECT Username, FirstName, LastName, Name, Email, TimeZoneSidKey FROM User WHERE Id = '${added.userId}'`,
    ).records;
    expect(user).toMatchObject({
      Username: 'dev@example.test',
      Name: 'Dana Dev',
      Email: 'dev@example.test',
      TimeZoneSidKey: 'GMT',
    });
    const stored = org.db
      .prepare<[string], { hash: string }>('SELECT hash FROM emu_user_password WHERE user_id = ?')
      .get(added.userId);
    expect(stored?.hash).toMatch(/^scrypt\$/);
    expect(stored?.hash).not.toContain('dev-password');
    expect(await verifyPassword(org, 'dev@example.test', 'dev-password')).toBeDefined();
  });

  it('generates a password when none is given and returns it', async () => {
    const { org } = await openTestOrg();

    const added = await addUser(org, { username: 'gen@example.test' });

    expect(added.password).toMatch(/^[\w-]{16}$/);
    expect(await verifyPassword(org, 'gen@example.test', added.password)).toBeDefined();
  });

  it('refuses a username that is taken (in any case), not email-shaped, or a short password', async () => {
    const { org } = await openTestOrg();

    const taken = await rejectionOf(addUser(org, { username: DEFAULT_USERNAME.toUpperCase() }));
    const shape = await rejectionOf(addUser(org, { username: 'no-at-sign' }));
    const short = await rejectionOf(addUser(org, { username: 'a@b.test', password: 'short' }));

    expect(taken).toMatchObject({ code: 'DUPLICATE_USERNAME' });
    expect(taken).toBeInstanceOf(UserError);
    expect(shape).toMatchObject({ code: 'INVALID_USERNAME' });
    expect(short).toMatchObject({ code: 'INVALID_PASSWORD' });
    expect(org.query('SELECT COUNT() FROM User').totalSize).toBe(1);
  });
});

describe('setPassword', () => {
  it('replaces a password, after which the default one no longer works', async () => {
    const { org } = await openTestOrg();

    await setPassword(org, DEFAULT_USERNAME, 'a-new-secret');

    expect(await hasDefaultPassword(org, org.userId())).toBe(false);
    expect(await verifyPassword(org, DEFAULT_USERNAME, DEFAULT_PASSWORD)).toBeUndefined();
    expect(await verifyPassword(org, DEFAULT_USERNAME, 'a-new-secret')).toBeDefined();
    expect(await rejectionOf(setPassword(org, 'x@y.test', 'whatever-1'))).toMatchObject({
      code: 'USER_NOT_FOUND',
    });
  });
});
