/**
 * The console's way to the built-in fake Amberflo: its admin endpoints (`/__admin/…`, see
 * fixtures/amberflo/README.md) over HTTP, as the project reaches the fake everywhere. Each call
 * answers the fake's JSON, or throws FakeUnreachable (no answer) or FakeRefused (a 4xx, with the
 * fake's message, e.g. a fault rule it did not accept, naming the field).
 */

/** A fault rule as `GET /__admin/faults` lists it. */
export interface FakeFaultRule {
  id: string;
  kind: string;
  phase: string;
  method?: string;
  path?: string;
  status?: number;
  count?: number;
  rate?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  status: number | null;
}

export interface FakeState {
  customers: Array<Record<string, unknown>>;
  promotions: Array<Record<string, unknown>>;
  customerPromotions: Array<Record<string, unknown>>;
  productItems: Array<Record<string, unknown>>;
  requests: FakeRequest[];
}

export interface FakeDelivery {
  id: string;
  topic: string;
  eventId: string;
  destinationUrl: string;
  body: string;
  status: string;
  attempts: Array<{ at: number; status: number | null; error: string | null }>;
}

export class FakeUnreachable extends Error {
  override readonly name = 'FakeUnreachable';
}

export class FakeRefused extends Error {
  override readonly name = 'FakeRefused';
}

/** How long the console waits for the fake before it says it does not answer. */
const TIMEOUT_MS = 5_000;

export class FakeAmberfloClient {
  constructor(private readonly baseUrl: string) {}

  state(): Promise<FakeState> {
    return this.call<FakeState>('GET', '/__admin/state');
  }

  deliveries(): Promise<FakeDelivery[]> {
    return this.call<FakeDelivery[]>('GET', '/__admin/webhook-deliveries');
  }

  faults(): Promise<FakeFaultRule[]> {
    return this.call<FakeFaultRule[]>('GET', '/__admin/faults');
  }

  addFault(rule: Record<string, string | number>): Promise<FakeFaultRule> {
    return this.call<FakeFaultRule>('POST', '/__admin/faults', rule);
  }

  removeFault(id: string): Promise<unknown> {
    return this.call('DELETE', `/__admin/faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<unknown> {
    return this.call('DELETE', '/__admin/faults');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new FakeUnreachable(
        `The fake Amberflo at ${this.baseUrl} does not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text();
    if (response.status >= 400) {
      throw new FakeRefused(messageOf(text) ?? `The fake Amberflo answered ${response.status}`);
    }
    return JSON.parse(text) as T;
  }
}

function messageOf(text: string): string | undefined {
  try {
    const json: unknown = JSON.parse(text);
    const message = (json as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
