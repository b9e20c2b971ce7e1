/** Logging in with the real jsforce: SOAP, OAuth 2.0 grants, logout, revoke and re-login. */
import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USERNAME } from '../../../emulator/org.ts';
import { DEFAULT_SESSION_SECONDS } from '../../../emulator/rest/sessions.ts';
import { addUser, DEFAULT_PASSWORD } from '../../../emulator/users/users.ts';
import { startRestServer, type RestServer } from '../../support/rest-server.ts';

const INVALID_LOGIN =
  'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';
const CLIENT = { clientId: 'aflo-emu-test', clientSecret: 'shh' };

function soapConnection(server: RestServer): Connection {
  return new Connection({ loginUrl: server.url });
}

function oauthConnection(server: RestServer): Connection {
  return new Connection({ oauth2: { loginUrl: server.url, ...CLIENT } });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

function postForm(server: RestServer, path: string, form: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

describe('SOAP login', () => {
  it('conn.login logs the default user in and points the connection at the org', async () => {
    const server = await startRestServer();
    const conn = soapConnection(server);

    const userInfo = await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);

    expect(userInfo).toEqual({
      id: server.org.userId(),
      organizationId: server.org.orgId(),
      url: `${server.url}/id/${server.org.orgId()}/${server.org.userId()}`,
    });
    expect(conn.instanceUrl).toBe(server.url);
    expect(server.sessions.verify(conn.accessToken ?? '')).toMatchObject({
      username: DEFAULT_USERNAME,
    });
  });

  it('conn.login throws the INVALID_LOGIN faultstring for a wrong password or an unknown user', async () => {
    const server = await startRestServer();

    const wrong = await rejection(soapConnection(server).login(DEFAULT_USERNAME, 'not-it-at-all'));
    const unknown = await rejection(
      soapConnection(server).login('nobody@x.test', DEFAULT_PASSWORD),
    );

    expect(wrong.message).toBe(INVALID_LOGIN);
    expect(unknown.message).toBe(INVALID_LOGIN);
  });

  it('conn.login logs in a user added to the org, username in any case', async () => {
    const server = await startRestServer();
    const added = await addUser(server.org, {
      username: 'dev@example.test',
      password: 'dev-pass-1',
    });

    const userInfo = await soapConnection(server).login('DEV@example.test', 'dev-pass-1');

    expect(userInfo.id).toBe(added.userId);
  });

  it('conn.logout ends the SOAP session', async () => {
    const server = await startRestServer();
    const conn = soapConnection(server);
    await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);
    const token = conn.accessToken ?? '';

    await conn.logout();

    expect(server.sessions.verify(token)).toBeUndefined();
  });

  it('answers a logout with an unknown session with an INVALID_SESSION_ID fault', async () => {
    const server = await startRestServer();

    const response = await fetch(`${server.url}/services/Soap/u/62.0`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', soapaction: '""' },
      body: '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header><SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>00Dx!nope</sessionId></SessionHeader></se:Header><se:Body><logout xmlns="urn:partner.soap.sforce.com"/></se:Body></se:Envelope>',
    });

    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>');
    expect(body).toContain('<sf:exceptionCode>INVALID_SESSION_ID</sf:exceptionCode>');
  });

  it('answers a body that is not a SOAP envelope with a soapenv:Client fault', async () => {
    const server = await startRestServer();

    const response = await fetch(`${server.url}/services/Soap/u/62.0`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<login><username>',
    });

    expect(response.status).toBe(500);
    expect(await response.text()).toContain('<faultcode>soapenv:Client</faultcode>');
  });
});

describe('conn.identity', () => {
  it('describes the logged-in user', async () => {
    const server = await startRestServer();
    const conn = soapConnection(server);
    await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);

    const identity = await conn.identity();

    expect(identity).toMatchObject({
      id: `${server.url}/id/${server.org.orgId()}/${server.org.userId()}`,
      user_id: server.org.userId(),
      organization_id: server.org.orgId(),
      username: DEFAULT_USERNAME,
      display_name: 'Org Admin',
      timezone: 'GMT',
    });
  });

  it('finds the identity URL in the resources when the connection was made from a token', async () => {
    const server = await startRestServer();
    const conn = new Connection({ instanceUrl: server.url, accessToken: server.token });

    const identity = await conn.identity();

    expect(identity.user_id).toBe(server.org.userId());
  });

  it("answers 403 Bad_Id for another user's identity URL", async () => {
    const server = await startRestServer();
    const other = await addUser(server.org, { username: 'other@example.test' });

    const response = await server.call(`/id/${server.org.orgId()}/${other.userId}`);

    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Bad_Id');
  });

  it('answers 401 INVALID_SESSION_ID without a session', async () => {
    const server = await startRestServer();

    const response = await fetch(`${server.url}/id/${server.org.orgId()}/${server.org.userId()}`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] },
    ]);
  });

  it('logs in again by SOAP and retries when the session has expired (401)', async () => {
    const server = await startRestServer();
    const conn = soapConnection(server);
    await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);
    const first = conn.accessToken;
    server.clock.advance(DEFAULT_SESSION_SECONDS * 1000);

    const identity = await conn.identity();

    expect(identity.username).toBe(DEFAULT_USERNAME);
    expect(conn.accessToken).not.toBe(first);
    expect(server.sessions.verify(conn.accessToken ?? '')).toBeDefined();
  });
});

describe('OAuth 2.0', () => {
  it('conn.login with a client id and secret logs in with the password grant', async () => {
    const server = await startRestServer();
    const conn = oauthConnection(server);

    const userInfo = await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);

    expect(userInfo).toMatchObject({
      id: server.org.userId(),
      organizationId: server.org.orgId(),
    });
    expect(conn.instanceUrl).toBe(server.url);
    expect((await conn.identity()).username).toBe(DEFAULT_USERNAME);
  });

  it('oauth2.authenticate answers the token shape jsforce reads, with a refresh token', async () => {
    const server = await startRestServer();

    const token = await oauthConnection(server).oauth2.authenticate(
      DEFAULT_USERNAME,
      DEFAULT_PASSWORD,
    );

    expect(token).toMatchObject({
      instance_url: server.url,
      id: `${server.url}/id/${server.org.orgId()}/${server.org.userId()}`,
      token_type: 'Bearer',
      issued_at: String(server.clock.now().getTime()),
      scope: 'api refresh_token',
    });
    expect(token.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(token.refresh_token).toEqual(expect.any(String));
    expect(server.sessions.verify(token.access_token)).toBeDefined();
  });

  it('conn.login throws invalid_grant "authentication failure" for a wrong password', async () => {
    const server = await startRestServer();

    const error = await rejection(oauthConnection(server).login(DEFAULT_USERNAME, 'wrong-pass'));

    expect(error.name).toBe('invalid_grant');
    expect(error.message).toBe('authentication failure');
  });

  it('refreshes an expired session with the refresh token and retries the call (401)', async () => {
    const server = await startRestServer();
    const token = await oauthConnection(server).oauth2.authenticate(
      DEFAULT_USERNAME,
      DEFAULT_PASSWORD,
    );
    const conn = new Connection({
      oauth2: { loginUrl: server.url, ...CLIENT },
      instanceUrl: token.instance_url,
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
    });
    const refreshed = new Promise<string>((resolve) => conn.on('refresh', resolve));
    server.clock.advance(DEFAULT_SESSION_SECONDS * 1000);

    const identity = await conn.request<{ username: string }>(token.id);

    expect(identity.username).toBe(DEFAULT_USERNAME);
    expect(await refreshed).toBe(conn.accessToken);
    expect(conn.accessToken).not.toBe(token.access_token);
  });

  it('oauth2.refreshToken refuses a revoked refresh token with invalid_grant', async () => {
    const server = await startRestServer();
    const conn = oauthConnection(server);
    const token = await conn.oauth2.authenticate(DEFAULT_USERNAME, DEFAULT_PASSWORD);

    await conn.oauth2.revokeToken(token.refresh_token ?? '');
    const error = await rejection(conn.oauth2.refreshToken(token.refresh_token ?? ''));

    expect(error.name).toBe('invalid_grant');
    expect(server.sessions.verify(token.access_token)).toBeUndefined();
  });

  it('oauth2.requestToken with client_credentials opens a session of the default user', async () => {
    const server = await startRestServer();

    const token = await oauthConnection(server).oauth2.requestToken({
      grant_type: 'client_credentials',
    });

    expect(token.refresh_token).toBeUndefined();
    expect(server.sessions.verify(token.access_token)).toMatchObject({
      userId: server.org.userId(),
      username: DEFAULT_USERNAME,
    });
  });

  it('answers unsupported_grant_type for a grant it does not know', async () => {
    const server = await startRestServer();
    const conn = new Connection({
      oauth2: { loginUrl: server.url, ...CLIENT, redirectUri: 'http://localhost/cb' },
    });

    const error = await rejection(conn.oauth2.requestToken('an-authorization-code'));

    expect(error.name).toBe('unsupported_grant_type');
  });

  it('answers invalid_client_id without a client id', async () => {
    const server = await startRestServer();

    const response = await postForm(server, '/services/oauth2/token', {
      grant_type: 'password',
      username: DEFAULT_USERNAME,
      password: DEFAULT_PASSWORD,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
  });

  it('conn.logout revokes the OAuth access token', async () => {
    const server = await startRestServer();
    const conn = oauthConnection(server);
    await conn.login(DEFAULT_USERNAME, DEFAULT_PASSWORD);
    const token = conn.accessToken ?? '';

    await conn.logout();

    expect(server.sessions.verify(token)).toBeUndefined();
    const again = await postForm(server, '/services/oauth2/revoke', { token });
    expect(again.status).toBe(400);
  });
});
