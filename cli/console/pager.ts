/**
 * The First page / Previous / Next links under a list. Lists page by keyset (the row a page
 * starts after or before), so there are no page numbers; a link that leads nowhere is shown
 * disabled.
 */
import { html, type SafeHtml } from './html.ts';

export interface PagerLinks {
  first?: string;
  previous?: string;
  next?: string;
}

export function pagerNav(links: PagerLinks): SafeHtml {
  return html`<nav class="console-pager slds-m-top_small" aria-label="Pages">
    ${pagerLink('First page', links.first, 'first')}
    ${pagerLink('Previous', links.previous, 'prev')} ${pagerLink('Next', links.next, 'next')}
  </nav>`;
}

function pagerLink(label: string, href: string | undefined, rel: string): SafeHtml {
  return href === undefined
    ? html`<span class="slds-button slds-button_neutral console-disabled" aria-disabled="true"
        >${label}</span
      >`
    : html`<a class="slds-button slds-button_neutral" href="${href}" rel="${rel}">${label}</a>`;
}
