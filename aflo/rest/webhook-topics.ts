/**
 * The webhook topics the AFLO endpoint understands in Amberflo's delivery envelope
 * (`{topic, eventTime, eventId, data}`): one per object type and action, `customer.created`,
 * `customer-promotion.deleted`, … Amberflo documents no topic for these objects (only
 * `ready-product-invoices`), so the names are this project's; the fake Amberflo publishes the
 * same ones (fixtures/amberflo/webhooks/topics.ts).
 */
import type { EventAction } from '../events/async-event.ts';
import { AFLO_OBJECT_TYPES, type AfloObjectType } from '../mapping/index.ts';

const TOPIC_NOUNS: Readonly<Record<AfloObjectType, string>> = {
  Customer: 'customer',
  Promotion: 'promotion',
  CustomerPromotion: 'customer-promotion',
  ProductItem: 'product-item',
};

export const EVENT_ACTIONS = [
  'Created',
  'Updated',
  'Deleted',
] as const satisfies readonly EventAction[];

/** The topic of an object type's action: `customer-promotion.created`. */
export function topicOf(objectType: AfloObjectType, action: EventAction): string {
  return `${TOPIC_NOUNS[objectType]}.${action.toLowerCase()}`;
}

/** Every topic, in object-type order. */
export const WEBHOOK_TOPICS: readonly string[] = AFLO_OBJECT_TYPES.flatMap((objectType) =>
  EVENT_ACTIONS.map((action) => topicOf(objectType, action)),
);

/** The object type and action a topic stands for, or undefined for a topic AFLO does not know. */
export function changeOfTopic(
  topic: string,
): { objectType: AfloObjectType; action: EventAction } | undefined {
  for (const objectType of AFLO_OBJECT_TYPES) {
    for (const action of EVENT_ACTIONS) {
      if (topicOf(objectType, action) === topic) return { objectType, action };
    }
  }
  return undefined;
}
