/**
 * Named credentials: an endpoint written `callout:Name/path?query` is sent to the URL the org
 * holds for `Name`, with the path and query appended, as on the platform. `getEndpoint()` still
 * answers `callout:Name/…`, so what a package logs of its requests names the credential, not the
 * address behind it. The CLI and scenario replays use one (`AFLO__Amberflo`) for the fake
 * Amberflo, whose loopback port changes every run, so logged requests are the same run to run.
 *
 * Only the endpoint is kept: no authentication is added (see docs/fidelity.md).
 */
import { ApexException } from '../errors.ts';

const PREFIX = 'callout:';

export class NamedCredentials {
  private readonly byLowerName = new Map<string, string>();

  /** Gives `name` the URL its callouts go to; names compare without regard to case. */
  set(name: string, url: string): void {
    this.byLowerName.set(name.toLowerCase(), url.replace(/\/+$/, ''));
  }

  /**
   * The URL a callout to `endpoint` goes to: the endpoint itself, or for `callout:Name…` the
   * credential's URL followed by the rest. An unknown name is a System.CalloutException.
   */
  resolve(endpoint: string): string {
    if (!endpoint.toLowerCase().startsWith(PREFIX)) return endpoint;
    const rest = endpoint.slice(PREFIX.length);
    const end = rest.search(/[/?#]/);
    const name = end < 0 ? rest : rest.slice(0, end);
    const url = this.byLowerName.get(name.toLowerCase());
    if (url === undefined) {
      throw new ApexException(
        'System.CalloutException',
        `The named credential "${name}" does not exist in this org: ${endpoint}`,
      );
    }
    return url + (end < 0 ? '' : rest.slice(end));
  }
}
