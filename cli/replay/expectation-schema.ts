/**
 * What an `expect` step may check: async events, Apex jobs and SOQL counts in the org, and the
 * fake Amberflo's objects and request log. Omitted filter keys match anything; an omitted `count`
 * means "at least one".
 */
import { z } from 'zod';
import { pathPatternSchema } from '../../fixtures/amberflo/faults.ts';

/** The async event picklists (docs/async-events.md). */
const OBJECT_TYPES = ['Customer', 'Promotion', 'CustomerPromotion', 'ProductItem'] as const;
const DIRECTIONS = ['Inbound', 'Outbound'] as const;
const ACTIONS = ['Created', 'Updated', 'Deleted'] as const;

/** `AFLO__Status__c` of an async event. */
export const EVENT_STATUSES = ['Pending', 'Failed', 'Processed'] as const;

/** `Status` of an AsyncApexJob. */
export const JOB_STATUSES = ['Queued', 'Processing', 'Completed', 'Failed', 'Aborted'] as const;

const count = z.int().nonnegative();

/** `"@acme"`: the records named `acme` by an earlier step. */
const recordRefSchema = z
  .string()
  .regex(/^@[A-Za-z_][A-Za-z0-9_-]*$/, 'must be "@" and a name given with "as", e.g. "@acme"');

/** Async events matching every key given; `record` by the Ids of a name. */
const eventExpectationSchema = z.strictObject({
  objectType: z.enum(OBJECT_TYPES).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  action: z.enum(ACTIONS).optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  record: recordRefSchema.optional(),
  count: count.optional(),
});

/** AsyncApexJob rows of a class, job type and status. */
const jobExpectationSchema = z.strictObject({
  class: z
    .string()
    .regex(
      /^(?:[A-Za-z]\w*\.)?[A-Za-z]\w*$/,
      'must be an Apex class such as AFLO.DownloadScheduler',
    )
    .optional(),
  /** `Queueable`, or `ScheduledApex` for the firings of a scheduled job. */
  jobType: z.enum(['Queueable', 'ScheduledApex']).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  count: count.optional(),
});

/** A SOQL query and its expected totalSize. */
const queryExpectationSchema = z.strictObject({
  soql: z.string().min(1, 'must be a SOQL query'),
  /** The query's totalSize. */
  count,
});

/** A partial object: every key given must match, nested objects likewise. */
const partialObject = z.record(z.string(), z.unknown());

/** One of the fake's collections. */
const collectionExpectationSchema = z.strictObject({
  count: count.optional(),
  /** Each must match some object of the collection. */
  include: z.array(partialObject).optional(),
  /** Ids (or partial objects) no object of the collection may have. */
  exclude: z.array(z.union([z.string().min(1), partialObject])).optional(),
});

/** Requests in the fake's log. */
const requestExpectationSchema = z.strictObject({
  method: z.string().min(1).optional(),
  /** Exact path, or a prefix ending in `*`, as in fault rules. */
  path: pathPatternSchema.optional(),
  status: z.int().min(100).max(599).optional(),
  count: count.optional(),
});

/** The fake's collections, by the names its state uses. */
export const COLLECTIONS = [
  'customers',
  'promotions',
  'customerPromotions',
  'productItems',
] as const;

/** A collection of the fake's state. */
export type Collection = (typeof COLLECTIONS)[number];

/** The fake's collections, by name, and its request log. */
const amberfloExpectationSchema = z.strictObject({
  customers: collectionExpectationSchema.optional(),
  promotions: collectionExpectationSchema.optional(),
  customerPromotions: collectionExpectationSchema.optional(),
  productItems: collectionExpectationSchema.optional(),
  requests: z.array(requestExpectationSchema).optional(),
});

/** An `expect` step's value: at least one kind of check. */
export const expectationsSchema = z
  .strictObject({
    events: z.array(eventExpectationSchema).optional(),
    jobs: z.array(jobExpectationSchema).optional(),
    query: z.array(queryExpectationSchema).optional(),
    amberflo: amberfloExpectationSchema.optional(),
  })
  .refine((value) => Object.values(value).some((entry) => entry !== undefined), {
    message: 'must check at least one of events, jobs, query, amberflo',
  });

/** The checked expectations, by kind. */
export type Expectations = z.output<typeof expectationsSchema>;
/** An `events` entry. */
export type EventExpectation = z.output<typeof eventExpectationSchema>;
/** A `jobs` entry. */
export type JobExpectation = z.output<typeof jobExpectationSchema>;
/** A `query` entry. */
export type QueryExpectation = z.output<typeof queryExpectationSchema>;
/** An `amberflo` collection's checks. */
export type CollectionExpectation = z.output<typeof collectionExpectationSchema>;
/** An `amberflo.requests` entry. */
export type RequestExpectation = z.output<typeof requestExpectationSchema>;
/** The `amberflo` checks. */
export type AmberfloExpectation = z.output<typeof amberfloExpectationSchema>;
