/**
 * `System.AsyncOptions` and `System.QueueableDuplicateSignature`: what
 * `System.enqueueJob(job, options)` takes besides the job. A signature is the typed parts the
 * builder was given; two signatures are the same when their parts are, and the job store keeps
 * its digest with the queued job (job-store.ts).
 */
import { createHash } from 'node:crypto';
import { ApexException } from '../errors.ts';
import { toId18 } from '../ids.ts';

/**
 * Bytes a signature may hold (`getMaxSize()`). The platform documents the method, not the figure:
 * 32 is our choice (see docs/fidelity.md). An Id counts 18 bytes, an Integer 4, a String its
 * UTF-8 length.
 */
export const SIGNATURE_MAX_BYTES = 32;

const ID_BYTES = 18;
const INTEGER_BYTES = 4;

/** `System.QueueableDuplicateSignature.Builder`: add parts, then `build()`. */
export class QueueableDuplicateSignatureBuilder {
  private readonly parts: string[] = [];
  private size = 0;

  addString(value: string): this {
    return this.add(`s:${value}`, Buffer.byteLength(value, 'utf8'));
  }

  addId(value: string): this {
    const id = toId18(value);
    if (id === undefined) {
      throw new ApexException('System.StringException', `Invalid id: ${value}`);
    }
    return this.add(`id:${id}`, ID_BYTES);
  }

  addInteger(value: number): this {
    if (!Number.isInteger(value) || value < -2_147_483_648 || value > 2_147_483_647) {
      throw new ApexException('System.TypeException', `Invalid integer: ${value}`);
    }
    return this.add(`i:${value}`, INTEGER_BYTES);
  }

  /** Bytes used so far. */
  getSize(): number {
    return this.size;
  }

  getRemainingSize(): number {
    return SIGNATURE_MAX_BYTES - this.size;
  }

  getMaxSize(): number {
    return SIGNATURE_MAX_BYTES;
  }

  build(): QueueableDuplicateSignature {
    return new QueueableDuplicateSignature(this.parts);
  }

  private add(part: string, bytes: number): this {
    if (this.size + bytes > SIGNATURE_MAX_BYTES) {
      throw new ApexException(
        'System.IllegalArgumentException',
        `The queueable signature would hold ${this.size + bytes} bytes; its maximum is ${SIGNATURE_MAX_BYTES}`,
      );
    }
    this.parts.push(part);
    this.size += bytes;
    return this;
  }
}

/** `System.QueueableDuplicateSignature`, made by `new QueueableDuplicateSignature.Builder()`. */
export class QueueableDuplicateSignature {
  static readonly Builder = QueueableDuplicateSignatureBuilder;
  private readonly digest: string;

  constructor(parts: readonly string[]) {
    this.digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** The signature as a string: the same for every signature built from the same parts. */
  toString(): string {
    return this.digest;
  }
}

/** `System.AsyncOptions`: each property optional (null or undefined when not set). */
export class AsyncOptions {
  /** Enqueue fails while a queued job has the same signature (System.DuplicateMessageException). */
  DuplicateSignature: QueueableDuplicateSignature | null = null;
  /** The deepest this job's stack may go (its chained jobs inherit it); overrides the edition's. */
  MaximumQueueableStackDepth: number | null = null;
  /** Minutes before the job may run, 0–10. */
  MinimumQueueableDelayInMinutes: number | null = null;
}
