/**
 * The download jobs `AFLO.DownloadScheduler` enqueues. Each makes all of its callouts first and
 * then writes (the platform refuses a callout after DML), and its last page starts its type's
 * event chain as its one child enqueue.
 *
 * - `AFLO.PromotionDownloadQueueable`: all promotions, one call.
 * - `AFLO.ProductItemDownloadQueueable`: all product items, one call.
 * - `AFLO.CustomerDownloadQueueable`: one page of customers (99) and each one's applied
 *   promotions: 1 + 99 = 100 callouts, the per-transaction limit. It chains itself for the next
 *   page (from its finalizer when its stack is full: events/fresh-stack.ts); the last page starts
 *   the Customer chain, whose end starts the CustomerPromotion chain.
 */
import { System, type Queueable, type QueueableContext } from '../../emulator/apex-api.ts';
import {
  callAmberflo,
  expectArray,
  expectJson,
  AmberfloException,
  type AmberfloCall,
} from '../amberflo/client.ts';
import { AMBERFLO_PATHS, DEFAULT_PRODUCT_ID } from '../amberflo/paths.ts';
import { writeAsyncEvents } from '../events/async-event.ts';
import { startChain } from '../events/chains.ts';
import { jobOptions, restartOnFreshStack, stackIsFull } from '../events/fresh-stack.ts';
import type { AmberfloJson } from '../mapping/index.ts';
import { inboundEvents, type Downloaded } from '../inbound/download-events.ts';
import { loadSettings } from '../settings.ts';

/** Customers per CustomerDownloadQueueable job: with one call for the page, 100 callouts. */
export const CUSTOMERS_PER_PAGE = 99;

export class PromotionDownloadQueueable implements Queueable {
  async execute(_context: QueueableContext): Promise<void> {
    const call = await callAmberflo(loadSettings(), 'GET', AMBERFLO_PATHS.promotionsList);
    writeAsyncEvents(inboundEvents([{ objectType: 'Promotion', call, items: expectArray(call) }]));
    startChain('Promotion');
  }
}

export class ProductItemDownloadQueueable implements Queueable {
  async execute(_context: QueueableContext): Promise<void> {
    const call = await callAmberflo(loadSettings(), 'GET', AMBERFLO_PATHS.productItemsList);
    writeAsyncEvents(
      inboundEvents([{ objectType: 'ProductItem', call, items: expectArray(call) }]),
    );
    startChain('ProductItem');
  }
}

export class CustomerDownloadQueueable implements Queueable {
  constructor(readonly page = 1) {}

  async execute(_context: QueueableContext): Promise<void> {
    const settings = loadSettings();
    const pageCall = await callAmberflo(settings, 'GET', AMBERFLO_PATHS.customersPaging, {
      limit: String(CUSTOMERS_PER_PAGE),
      page: String(this.page),
    });
    const { customers, totalPages } = readPage(pageCall);

    const downloads: Downloaded[] = [{ objectType: 'Customer', call: pageCall, items: customers }];
    for (const customer of customers) {
      const call = await callAmberflo(settings, 'GET', AMBERFLO_PATHS.customerPromotionsList, {
        CustomerId: String(customer.customerId),
        ProductId: DEFAULT_PRODUCT_ID,
      });
      downloads.push({ objectType: 'CustomerPromotion', call, items: expectArray(call) });
    }

    writeAsyncEvents(inboundEvents(downloads));
    // An empty page ends the paging whatever the page count says, so a wrong count cannot chain
    // download jobs for ever.
    const more = this.page < totalPages && customers.length > 0;
    if (!more) startChain('Customer');
    else if (stackIsFull()) restartOnFreshStack({ customerPage: this.page + 1 });
    else System.enqueueJob(new CustomerDownloadQueueable(this.page + 1), jobOptions());
  }
}

function readPage(call: AmberfloCall): { customers: AmberfloJson[]; totalPages: number } {
  const json = expectJson(call) as { items?: unknown; metadata?: { totalFilteredPages?: unknown } };
  const items = json.items;
  if (!Array.isArray(items)) {
    throw new AmberfloException(
      `${call.method} ${call.url} answered without an items array: ${call.body.slice(0, 200)}`,
    );
  }
  return {
    customers: items as AmberfloJson[],
    totalPages: Number(json.metadata?.totalFilteredPages ?? 1),
  };
}
