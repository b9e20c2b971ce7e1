// The console's one script, progressive: the Async Events list updates itself from the server's
// event stream (counts per status, and the rows on screen as their events change) and says
// whether it is live, and the current tab is scrolled into view on a phone. Without it every page
// still works; the list only stays still until reloaded.
// On a narrow screen the tabs scroll sideways: the current one is kept in view.
const showCurrentTab = () =>
  document
    .querySelector('.console-tabs [aria-current="page"]')
    ?.scrollIntoView({ block: 'nearest', inline: 'center' });
showCurrentTab();
window.addEventListener('resize', showCurrentTab);

(() => {
  const root = document.querySelector('[data-live-events]');
  if (root === null || !('EventSource' in window)) return;

  const status = document.querySelector('[data-live-status]');
  const rows = root.querySelector('[data-rows]');
  const pageSize = rows === null ? 0 : Math.max(rows.rows.length, 50);
  const say = (state, text) => {
    root.dataset.liveState = state;
    if (status !== null) status.textContent = text;
  };

  const source = new EventSource(root.dataset.stream);
  source.addEventListener('counts', (message) => {
    const counts = JSON.parse(message.data);
    for (const [name, count] of Object.entries(counts)) {
      const badge = root.querySelector(`[data-count="${name}"]`);
      if (badge !== null) badge.textContent = count.toLocaleString('en-US');
    }
    say('live', 'Live');
  });
  source.addEventListener('rows', (message) => {
    if (rows === null) return;
    for (const { id, html } of JSON.parse(message.data).rows) {
      const template = document.createElement('template');
      template.innerHTML = html.trim();
      const row = template.content.firstElementChild;
      const shown = rows.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
      if (shown !== null) {
        shown.replaceWith(row);
      } else if (root.dataset.liveInsert === 'true') {
        rows.prepend(row);
        while (rows.rows.length > pageSize) rows.lastElementChild.remove();
        root.querySelector('.console-empty')?.remove();
      }
    }
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) say('closed', 'Not live: reload the page');
    else say('reconnecting', 'Reconnecting…');
  });
})();
