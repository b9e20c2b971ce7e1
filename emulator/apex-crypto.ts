/**
 * Apex's `Crypto` and `EncodingUtil` classes, the parts package code uses: digests, random keys
 * and their text forms. A Blob is a Buffer here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ApexException } from './errors.ts';

const DIGESTS = { MD5: 'md5', SHA1: 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' } as const;
export type DigestAlgorithm = keyof typeof DIGESTS;

export const Crypto = {
  /** `Crypto.generateDigest('SHA-256', Blob.valueOf(text))`; text is hashed as UTF-8. */
  generateDigest(algorithm: DigestAlgorithm, input: string | Buffer): Buffer {
    return createHash(DIGESTS[algorithm]).update(input).digest();
  },

  /** `Crypto.generateAesKey(256)`: that many random bits from a secure source. */
  generateAesKey(bits: number): Buffer {
    if (bits !== 128 && bits !== 192 && bits !== 256) {
      throw new ApexException(
        'System.InvalidParameterValueException',
        `Invalid key size ${bits}: use 128, 192 or 256`,
      );
    }
    return randomBytes(bits / 8);
  },
};

export const EncodingUtil = {
  /** Lower-case hexadecimal. */
  convertToHex(blob: Buffer): string {
    return blob.toString('hex');
  },

  base64Encode(blob: Buffer): string {
    return blob.toString('base64');
  },
};
