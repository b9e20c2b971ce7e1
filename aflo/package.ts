/**
 * The AFLO package as the org installs it: objects, Apex classes (by their Apex names), the
 * record triggers that export changes to Amberflo, the webhook endpoint Amberflo delivers changes
 * to (`AFLO.WebhookRestService`), and the install step that writes the default settings record
 * (with a new random webhook token).
 */
import { Database } from '../emulator/apex-api.ts';
import { loadObjectDefinitions } from '../emulator/metadata/load.ts';
import type { OrgPackage } from '../emulator/package.ts';
import { AsyncEventQueueable } from './classes/async-event-queueable.ts';
import {
  CustomerDownloadQueueable,
  ProductItemDownloadQueueable,
  PromotionDownloadQueueable,
} from './classes/download-queueables.ts';
import { DownloadScheduler } from './classes/download-scheduler.ts';
import { defaultSettingsRecord } from './settings.ts';
import { restartStalledChains } from './events/chains.ts';
import { customerPromotionParentsTrigger } from './triggers/customer-promotion-parents.ts';
import { exportTriggers } from './triggers/export-trigger.ts';
import { projectPath } from '../emulator/project-path.ts';
import { webhookRestService } from './rest/webhook-rest-service.ts';

export const AFLO_OBJECTS_DIR = projectPath(import.meta.url, './objects', 'aflo/objects');

const CALLOUT_QUEUEABLE = ['Queueable', 'Database.AllowsCallouts'] as const;

export function afloPackage(): OrgPackage {
  return {
    namespace: 'AFLO',
    objects: loadObjectDefinitions(AFLO_OBJECTS_DIR),
    classes: [
      { name: 'AFLO.DownloadScheduler', type: DownloadScheduler, implements: ['Schedulable'] },
      {
        name: 'AFLO.AsyncEventQueueable',
        type: AsyncEventQueueable as new () => object,
        implements: CALLOUT_QUEUEABLE,
      },
      {
        name: 'AFLO.PromotionDownloadQueueable',
        type: PromotionDownloadQueueable,
        implements: CALLOUT_QUEUEABLE,
      },
      {
        name: 'AFLO.CustomerDownloadQueueable',
        type: CustomerDownloadQueueable,
        implements: CALLOUT_QUEUEABLE,
      },
      {
        name: 'AFLO.ProductItemDownloadQueueable',
        type: ProductItemDownloadQueueable,
        implements: CALLOUT_QUEUEABLE,
      },
    ],
    triggers: [customerPromotionParentsTrigger(), ...exportTriggers()],
    restResources: [webhookRestService()],
    onRunnerStart: (org) =>
      org.run({ kind: 'system', allowsCallouts: false }, () => restartStalledChains()),
    install: (org) =>
      org.run(
        { kind: 'system', allowsCallouts: false },
        () => void Database.insert([defaultSettingsRecord()]),
      ),
  };
}
