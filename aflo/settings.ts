/**
 * The package settings (`AFLO__Settings__c`, a custom setting with one org-wide record): API key,
 * base URL, webhook token, daily sync on/off and max attempts. The org may override the base URL
 * and the API key for a run (OrgEnvironment `AFLO.baseUrl`, `AFLO.apiKey`), as the CLI does to
 * point the package at the fake Amberflo; the stored record is never rewritten for that.
 */
import { Database, OrgEnvironment, sobject } from '../emulator/apex-api.ts';

export const SETTINGS_OBJECT = 'AFLO__Settings__c';
export const DEFAULT_BASE_URL = 'https://app.amberflo.io';
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface AfloSettings {
  apiKey: string;
  baseUrl: string;
  webhookToken: string;
  dailySync: boolean;
  maxAttempts: number;
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
  };
}

/** The record written when the package is installed. */
export function defaultSettingsRecord() {
  return sobject(SETTINGS_OBJECT, {
    Name: 'Default',
    AFLO__BaseUrl__c: DEFAULT_BASE_URL,
    AFLO__ApiKey__c: null,
    AFLO__WebhookToken__c: null,
    AFLO__DailySync__c: true,
    AFLO__MaxAttempts__c: DEFAULT_MAX_ATTEMPTS,
  });
}
