/**
 * The AFLO package as the org installs it: objects, Apex classes (by their Apex names), the
 * record triggers that export changes to Amberflo, the webhook endpoint Amberflo delivers changes
 * to (`AFLO.WebhookRestService`), and the install step that writes the default settings record
 * (with a new random webhook token), whose trigger schedules the daily sync (schedule/daily-sync.ts).
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
import { StackRestartFinalizer } from './classes/stack-restart-finalizer.ts';
import { defaultSettingsRecord } from './settings.ts';
import { restartStalledChains } from './events/chains.ts';
import { customerPromotionParentsTrigger } from './triggers/customer-promotion-parents.ts';
import { exportTriggers } from './triggers/export-trigger.ts';
import { customerTraitsTrigger } from './triggers/customer-traits-check.ts';
import { projectPath } from '../emulator/project-path.ts';
import { webhookRestService } from './rest/webhook-rest-service.ts';
import {
  dailySyncDeleted,
  dailySyncSetting,
  dailySyncSettingsTrigger,
  reconcileDailySync,
} from './schedule/daily-sync.ts';

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
      {
        name: 'AFLO.StackRestartFinalizer',
        type: StackRestartFinalizer,
        implements: ['Finalizer'],
      },
    ],
    triggers: [
      customerPromotionParentsTrigger(),
      customerTraitsTrigger(),
      ...exportTriggers(),
      dailySyncSettingsTrigger(),
    ],
    restResources: [webhookRestService()],
    // A database made before the schedule existed gets it here, as the setting says.
    onRunnerStart: (org) =>
      org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
        // Under the write lock from the first read: another process's trigger cannot start a
        // chain between restartStalledChains finding none live and enqueuing one (two chains).
        tx.beginWrite();
        reconcileDailySync(dailySyncSetting());
        restartStalledChains();
      }),
    onScheduledJobDeleted: (_tx, job) => dailySyncDeleted(job),
    install: (org) =>
      org.run(
        { kind: 'system', allowsCallouts: false },
        () => void Database.insert([defaultSettingsRecord()]),
      ),
  };
}
