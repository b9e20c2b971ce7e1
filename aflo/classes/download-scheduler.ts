/**
 * `AFLO.DownloadScheduler`: the sync job. Scheduled daily, or run by hand from the Developer
 * Console with `(new AFLO.DownloadScheduler()).execute(null);`. A Schedulable may not call out,
 * so it only enqueues the download jobs, which do the calling (download-queueables.ts).
 */
import { System, type Schedulable, type SchedulableContext } from '../../emulator/apex-api.ts';
import {
  CustomerDownloadQueueable,
  ProductItemDownloadQueueable,
  PromotionDownloadQueueable,
} from './download-queueables.ts';
import { jobOptions } from '../events/fresh-stack.ts';

export class DownloadScheduler implements Schedulable {
  execute(_context: SchedulableContext | null): void {
    System.enqueueJob(new PromotionDownloadQueueable(), jobOptions());
    System.enqueueJob(new CustomerDownloadQueueable(), jobOptions());
    System.enqueueJob(new ProductItemDownloadQueueable(), jobOptions());
  }
}
