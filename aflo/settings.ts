/**
 * The package settings (`AFLO__Settings__c`, a custom setting with one org-wide record): API key,
 * base URL, webhook token, daily sync on/off and max attempts. The org may override the base URL
 * and the API key for a run (OrgEnvironment `AFLO.baseUrl`, `AFLO.apiKey`), as the CLI does to
 * point the package at the fake Amberflo; the stored record is never rewritten for that.
 * `AFLO.calloutTimeoutMs` shortens the callout timeout (the platform's default is 10 s), for
 * tests and scenario replays that inject timeouts.
 */
import { Database, OrgEnvironment, sobject } from '../emulator/apex-api.ts';
import { newWebhookToken } from './rest/webhook-token.ts';

export const SETTINGS_OBJECT = 'AFLO__Settings__c';
export const DEFAULT_BASE_URL = 'https://app.amberflo.io';
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Apex's default callout timeout. */
export const DEFAULT_CALLOUT_TIMEOUT_MS = 10_000;

export interface AfloSettings {
  apiKey: string;
  baseUrl: string;
  webhookToken: string;
  dailySync: boolean;
  maxAttempts: number;
  /** Each Amberflo callout's timeout, in milliseconds. */
  calloutTimeoutMs: number;
}

/** The settings in force for this transaction. */
export function loadSettings(): AfloSettings {
  const [record] = Database.query(
    `SELECT AFLO__ApiKey__c, AFLO__BaseUrl__c, AFLO__WebhookToken__c, AFLO__DailySync__c, AFLO__MaxAttempts__c FROM ${SETTINGS_OBJECT} ORDER BY CreatedDate LIMIT 1`,
  );
  const stored = (name: string): unknown => record?.[name] ?? null;
  return {
    apiKey: OrgEnvironment.get('AFLO.apiKey') ?? String(stored('AFLO__ApiKey__c') ?? ''),
    baseUrl: (
      OrgEnvironment.get('AFLO.baseUrl') ?? String(stored('AFLO__BaseUrl__c') ?? DEFAULT_BASE_URL)
    ).replace(/\/+$/, ''),
    webhookToken: String(stored('AFLO__WebhookToken__c') ?? ''),
    dailySync: stored('AFLO__DailySync__c') !== false,
    maxAttempts: Number(stored('AFLO__MaxAttempts__c') ?? DEFAULT_MAX_ATTEMPTS),
    calloutTimeoutMs: calloutTimeout(OrgEnvironment.get('AFLO.calloutTimeoutMs')),
  };
}

function calloutTimeout(override: string | undefined): number {
  const ms = Number(override);
  return override !== undefined && Number.isInteger(ms) && ms >= 1 && ms <= 120_000
    ? ms
    : DEFAULT_CALLOUT_TIMEOUT_MS;
}

/**
 * The record written when the package is installed. Its webhook token is new and random, so a
 * fresh org's webhook endpoint opens only to whoever reads the token from the org (as
 * `aflo-emu serve --webhooks` does to subscribe the fake Amberflo).
 */
export function defaultSettingsRecord() {
  return sobject(SETTINGS_OBJECT, {
    Name: 'Default',
    AFLO__BaseUrl__c: DEFAULT_BASE_URL,
    AFLO__ApiKey__c: null,
    AFLO__WebhookToken__c: newWebhookToken(),
    AFLO__DailySync__c: true,
    AFLO__MaxAttempts__c: DEFAULT_MAX_ATTEMPTS,
  });
}

/**
 * Moves the org to webhooks, as a user does once Amberflo's webhooks point at the org: the daily
 * sync is turned off, and a webhook token is made if the org has none. Returns the token, for
 * the subscription's `authHeader`.
 */
export function switchToWebhooks(): string {
  const [record] = Database.query(
    `SELECT Id, AFLO__WebhookToken__c FROM ${SETTINGS_OBJECT} ORDER BY CreatedDate LIMIT 1`,
  );
  const stored = record?.AFLO__WebhookToken__c;
  const token = typeof stored === 'string' && stored !== '' ? stored : newWebhookToken();
  const fields = { AFLO__DailySync__c: false, AFLO__WebhookToken__c: token };
  if (record === undefined)
    Database.insert([sobject(SETTINGS_OBJECT, { Name: 'Default', ...fields })]);
  else Database.update([sobject(SETTINGS_OBJECT, { Id: String(record.Id), ...fields })]);
  return token;
}
