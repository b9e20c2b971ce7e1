/** `aflo-emu user add` and `aflo-emu user password`, in process on a temp database. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { afloPackage } from '../../aflo/package.ts';
import { Org } from '../../emulator/org.ts';
import { verifyPassword } from '../../emulator/users/users.ts';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

async function canLogIn(db: string, username: string, password: string): Promise<boolean> {
  const org = await Org.open({ db, packages: [afloPackage()] });
  try {
    return (await verifyPassword(org, username, password)) !== undefined;
  } finally {
    org.close();
  }
}

describe('aflo-emu user add', () => {
  it('adds a user with the given password and name', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli([
      '--db',
      db,
      'user',
      'add',
      'dev@example.test',
      '--password',
      'dev-pass-1',
      '--name',
      'Dana Dev',
    ]);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^added dev@example\.test \(005\w{15}\)$/);
    expect(await canLogIn(db, 'dev@example.test', 'dev-pass-1')).toBe(true);
  });

  it('prints the password it generated when none is given', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli(['--db', db, 'user', 'add', 'gen@example.test']);

    expect(run.code).toBe(0);
    const password = /^Password: (\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(password).toHaveLength(16);
    expect(await canLogIn(db, 'gen@example.test', password)).toBe(true);
  });

  it('refuses a username that is taken with exit 1 and one line', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli(['--db', db, 'user', 'add', 'Admin@aflo-emu.local']);

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'aflo-emu: a user named Admin@aflo-emu.local already exists; choose another username',
    });
  });

  it('refuses a short password with exit 2', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli(['--db', db, 'user', 'add', 'x@example.test', '--password', 'short']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('at least 8 characters');
  });

  it('fails with usage and exit 2 when the username is missing', async () => {
    const run = await cli(['--db', ':memory:', 'user', 'add']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'username'");
  });
});

describe('aflo-emu user password', () => {
  it("replaces the default user's password", async () => {
    const db = join(tempFolder(), 'org.db');
    await cli(['--db', db, '--quiet', 'reset']);

    const run = await cli([
      '--db',
      db,
      'user',
      'password',
      'admin@aflo-emu.local',
      '--password',
      'new-secret',
    ]);

    expect(run).toMatchObject({ code: 0, stdout: 'set the password of admin@aflo-emu.local' });
    expect(await canLogIn(db, 'admin@aflo-emu.local', 'aflo-emu')).toBe(false);
    expect(await canLogIn(db, 'admin@aflo-emu.local', 'new-secret')).toBe(true);
  });

  it('refuses an unknown user with exit 1', async () => {
    const db = join(tempFolder(), 'org.db');
    await cli(['--db', db, '--quiet', 'reset']);

    const run = await cli(['--db', db, 'user', 'password', 'who@example.test']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'aflo-emu: no user named who@example.test in this org; add one with aflo-emu user add',
    );
  });
});
