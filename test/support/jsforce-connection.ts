/**
 * A real jsforce 3.10.16 connection to a test REST server, at API version 62.0 unless told
 * otherwise, authenticated with the server's session token.
 */
import jsforce, { type Connection } from 'jsforce';
import type { RestServer } from './rest-server.ts';

export function connect(server: RestServer, version = '62.0'): Connection {
  return new jsforce.Connection({ instanceUrl: server.url, accessToken: server.token, version });
}

/** The error a jsforce call fails with; fails the test when the call succeeds. */
export async function rejection(
  promise: PromiseLike<unknown>,
): Promise<Error & { errorCode?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
