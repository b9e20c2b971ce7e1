/**
 * The body of a webhook POST, read and checked before anything is written. It is a JSON array
 * whose elements are each one change, in either of two forms (a single object counts as an
 * array of one):
 *
 * - an AFLO change: `{"type": "Customer", "action": "Updated", "data": {…}, "eventId": "…"}`, with
 *   `type` one of Customer, Promotion, CustomerPromotion, ProductItem and `action` one of
 *   Created, Updated, Deleted (both in any case), `data` the Amberflo JSON of the object and
 *   `eventId` optional;
 * - Amberflo's delivery envelope: `{"topic": "customer.updated", "eventTime": <ms>, "eventId":
 *   "…", "data": {…}}`, the topic naming the type and action (webhook-topics.ts).
 *
 * `data` must be the whole object as Amberflo's API returns it: whatever applying it needs
 * (`customerId` and `customerName` for a customer, …) is checked here, through the field
 * mappings, so an accepted change does not fail later for a missing key. For `Deleted`, only the
 * Amberflo id is needed. Every problem names its element and field: `element [2]:
 * data.customerName is missing`.
 */
import { z } from 'zod';
import type { EventAction } from '../events/async-event.ts';
import {
  AFLO_OBJECT_TYPES,
  MappingError,
  MAPPINGS,
  type AfloObjectType,
  type AmberfloJson,
} from '../mapping/index.ts';
import { changeOfTopic, EVENT_ACTIONS, topicOf, WEBHOOK_TOPICS } from './webhook-topics.ts';

/** One change of the body, ready to become an inbound async event. */
export interface WebhookChange {
  /** Its position in the body, from 0. */
  index: number;
  objectType: AfloObjectType;
  action: EventAction;
  data: AmberfloJson;
  externalId: string | null;
  /** The topic, given (envelope) or made from the type and action (AFLO change). */
  topic: string;
  /** `topic/eventId`: what makes a repeated delivery known; null without an eventId. */
  deliveryKey: string | null;
  /** The element as it was sent. */
  element: unknown;
}

/** Why a body cannot be taken; the service answers 400 with this code and message. */
export class WebhookBodyError extends Error {
  override readonly name = 'WebhookBodyError';

  constructor(
    readonly errorCode: 'JSON_PARSER_ERROR' | 'INVALID_WEBHOOK_CHANGE',
    message: string,
  ) {
    super(message);
  }
}

/** How many problems one answer lists at most. */
const MAX_PROBLEMS = 10;

/** Amberflo ids by object type, for the message when a deleted object has none. */
const ID_KEYS: Readonly<Record<AfloObjectType, string>> = {
  Customer: 'customerId',
  Promotion: 'id',
  CustomerPromotion: 'relationId',
  ProductItem: 'id',
};

const expecting = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`,
});

function oneOf<T extends string>(values: readonly T[]) {
  const list = values.join(', ');
  return z.string(expecting(`one of ${list}`)).transform((value, context) => {
    const found = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (found === undefined) {
      context.addIssue({ code: 'custom', message: `must be one of ${list}, got "${value}"` });
      return z.NEVER;
    }
    return found;
  });
}

const eventIdSchema = z
  .union(
    [z.string().min(1).max(200), z.number().int()],
    expecting('a string of 1 to 200 characters or an integer'),
  )
  .transform(String);
const dataSchema = z.looseObject({}, expecting('a JSON object'));

const changeSchema = z.looseObject({
  type: oneOf(AFLO_OBJECT_TYPES),
  action: oneOf(EVENT_ACTIONS),
  data: dataSchema,
  eventId: eventIdSchema.optional(),
});

const envelopeSchema = z.looseObject({
  topic: z.string(expecting('a string')).refine((topic) => changeOfTopic(topic) !== undefined, {
    message: `must be one of ${WEBHOOK_TOPICS.join(', ')}`,
  }),
  eventTime: z.number(expecting('epoch milliseconds')).int().nonnegative(),
  eventId: eventIdSchema,
  data: dataSchema,
});

/** The changes of a body, in order; throws WebhookBodyError naming every problem (up to 10). */
export function parseWebhookBody(body: Buffer): WebhookChange[] {
  const json = parseJson(body);
  const elements: unknown[] = Array.isArray(json) ? json : [json];
  const problems: string[] = [];
  const changes: WebhookChange[] = [];
  elements.forEach((element, index) => {
    const change = readElement(element, index, problems);
    if (change !== undefined) changes.push(change);
  });

  if (problems.length > 0) {
    const more =
      problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : '';
    throw new WebhookBodyError(
      'INVALID_WEBHOOK_CHANGE',
      `${problems.slice(0, MAX_PROBLEMS).join('; ')}${more}. Nothing was written; see docs/async-events.md#webhooks for the format`,
    );
  }
  return changes;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WebhookBodyError(
      'JSON_PARSER_ERROR',
      `The body is not JSON (${reason}); send a JSON array of changes`,
    );
  }
}

function readElement(
  element: unknown,
  index: number,
  problems: string[],
): WebhookChange | undefined {
  const at = `element [${index}]`;
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    problems.push(`${at}: must be a JSON object`);
    return undefined;
  }
  const isEnvelope = 'topic' in element;
  if (!isEnvelope && !('type' in element)) {
    problems.push(`${at}: has neither type (an AFLO change) nor topic (an Amberflo delivery)`);
    return undefined;
  }

  const parsed = isEnvelope ? envelopeOf(element) : changeOf(element);
  if (!parsed.success) {
    problems.push(...parsed.issues.map((issue) => `${at}: ${issue}`));
    return undefined;
  }
  const { objectType, action, data, topic, eventId } = parsed.value;
  const externalId = checkData(objectType, action, data);
  if (typeof externalId !== 'string') {
    problems.push(`${at}: ${externalId.problem}`);
    return undefined;
  }
  const deliveryKey = eventId === undefined ? null : `${topic}/${eventId}`;
  return { index, objectType, action, data, externalId, topic, deliveryKey, element };
}

interface ReadChange {
  objectType: AfloObjectType;
  action: EventAction;
  data: AmberfloJson;
  topic: string;
  eventId: string | undefined;
}

type Read = { success: true; value: ReadChange } | { success: false; issues: string[] };

function changeOf(element: object): Read {
  const result = changeSchema.safeParse(element);
  if (!result.success) return { success: false, issues: describe(result.error) };
  const { type, action, data, eventId } = result.data;
  return {
    success: true,
    value: { objectType: type, action, data, topic: topicOf(type, action), eventId },
  };
}

function envelopeOf(element: object): Read {
  const result = envelopeSchema.safeParse(element);
  if (!result.success) return { success: false, issues: describe(result.error) };
  const { topic, data, eventId } = result.data;
  const change = changeOfTopic(topic);
  if (change === undefined) return { success: false, issues: [`topic is unknown: ${topic}`] };
  return { success: true, value: { ...change, data, topic, eventId } };
}

/** The Amberflo id of the data, or the problem that keeps it from being applied. */
function checkData(
  objectType: AfloObjectType,
  action: EventAction,
  data: AmberfloJson,
): string | { problem: string } {
  const mapping = MAPPINGS[objectType];
  try {
    if (action !== 'Deleted') mapping.toFields(data);
    const externalId = mapping.externalId(data);
    return externalId ?? { problem: `data.${ID_KEYS[objectType]} is missing` };
  } catch (error) {
    if (error instanceof MappingError) return { problem: `data.${error.message}` };
    throw error;
  }
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const separator = /^[a-z]/.test(issue.message) ? ' ' : ': ';
    return path === '' ? issue.message : `${path}${separator}${issue.message}`;
  });
}
