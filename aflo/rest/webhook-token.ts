/**
 * The webhook token: the shared secret Amberflo sends in the `Token` header of each delivery
 * (the subscription's `authHeader` is `["Token", <token>]`), kept in
 * `AFLO__Settings__c.AFLO__WebhookToken__c`. Install generates one; an org without one refuses
 * every delivery.
 */
import { Crypto, EncodingUtil } from '../../emulator/apex-api.ts';

/** A new random token: 256 bits as 64 hexadecimal characters. */
export function newWebhookToken(): string {
  return EncodingUtil.convertToHex(Crypto.generateAesKey(256));
}

/**
 * Whether the sent token is the expected one, in time that does not depend on where they differ:
 * both are hashed, and the digests compared byte by byte without stopping early. An empty
 * expected token matches nothing.
 */
export function tokenMatches(sent: string | undefined, expected: string): boolean {
  if (expected === '' || sent === undefined) return false;
  const a = Crypto.generateDigest('SHA-256', sent);
  const b = Crypto.generateDigest('SHA-256', expected);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
