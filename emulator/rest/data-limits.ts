/**
 * Org limits: `GET /limits` and the `Sforce-Limit-Info: api-usage=N/M` header on every data
 * response (jsforce reads it into `conn.limitInfo`). The figures are a Developer Edition org's.
 * Nothing is enforced; what is counted:
 *
 * - DailyApiRequests: data API requests this server answered since 00:00 UTC of the org clock;
 * - DailyAsyncApexExecutions: AsyncApexJob rows created in the last 24 hours of org time;
 * - DataStorageMB: 2 KB per live record of a custom object, as the platform counts storage.
 *
 * The other limits are reported full.
 */
import type { RequestHandler } from 'express';
import type { Org } from '../org.ts';
import { runRead } from './data-dml.ts';
import type { RestDeps } from './rest-deps.ts';

export const DAILY_API_REQUESTS = 15_000;
const DAILY_ASYNC_APEX = 250_000;
const DATA_STORAGE_MB = 5;
const RECORD_KB = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Limits reported as they come, never used up here. */
const UNUSED_LIMITS: Record<string, number> = {
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentSyncReportRuns: 20,
  DailyBulkApiBatches: 15_000,
  DailyBulkV2QueryFileStorageMB: 976_562,
  DailyBulkV2QueryJobs: 10_000,
  DailyGenericStreamingApiEvents: 10_000,
  DailyStandardVolumePlatformEvents: 10_000,
  DailyStreamingApiEvents: 10_000,
  DailyWorkflowEmails: 405,
  FileStorageMB: 20,
  HourlyAsyncReportRuns: 1_200,
  HourlyPublishedPlatformEvents: 50_000,
  HourlySyncReportRuns: 500,
  MassEmail: 10,
  SingleEmail: 15,
  StreamingApiConcurrentClients: 20,
};

/** Data API requests per org-clock day (UTC). */
export class ApiUsage {
  private day = '';
  private count = 0;

  constructor(private readonly org: Org) {}

  /** Counts a request and returns today's count. */
  record(): number {
    this.roll();
    this.count++;
    return this.count;
  }

  /** Today's count. */
  get today(): number {
    this.roll();
    return this.count;
  }

  private roll(): void {
    const day = this.org.clock.now().toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.count = 0;
    }
  }
}

/** Counts the request and sets `Sforce-Limit-Info`. */
export function countApiUsage(usage: ApiUsage): RequestHandler {
  return (_req, res, next) => {
    res.set('Sforce-Limit-Info', `api-usage=${usage.record()}/${DAILY_API_REQUESTS}`);
    next();
  };
}

/** `GET /limits`: `{Name: {Max, Remaining}}`. */
export function limitsResource({ org }: RestDeps, usage: ApiUsage): RequestHandler {
  return async (_req, res) => {
    const { jobs, records } = await runRead(org, () => ({
      jobs: asyncJobsToday(org),
      records: customRecords(org),
    }));
    const usedMb = Math.ceil((records * RECORD_KB) / 1024);
    const limits: Record<string, { Max: number; Remaining: number }> = {
      DailyApiRequests: remaining(DAILY_API_REQUESTS, usage.today),
      DailyAsyncApexExecutions: remaining(DAILY_ASYNC_APEX, jobs),
      DataStorageMB: remaining(DATA_STORAGE_MB, usedMb),
    };
    for (const [name, max] of Object.entries(UNUSED_LIMITS)) limits[name] = remaining(max, 0);
    res.json(Object.fromEntries(Object.entries(limits).sort(([a], [b]) => a.localeCompare(b))));
  };
}

function remaining(max: number, used: number): { Max: number; Remaining: number } {
  return { Max: max, Remaining: Math.max(0, max - used) };
}

function asyncJobsToday(org: Org): number {
  const since = new Date(org.clock.now().getTime() - DAY_MS);
  return org.query('SELECT COUNT() FROM AsyncApexJob WHERE CreatedDate >= :since', {
    binds: { since },
  }).totalSize;
}

function customRecords(org: Org): number {
  return org.schema
    .all()
    .filter((type) => type.custom)
    .reduce((sum, type) => sum + org.query(`SELECT COUNT() FROM ${type.name}`).totalSize, 0);
}
