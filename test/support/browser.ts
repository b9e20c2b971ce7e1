/**
 * A real browser for the console's tests: Debian's `chromium` (never a browser downloaded at
 * install time) driven by playwright-core, headless, with a fresh profile in a temp folder and
 * the flags that keep it from reaching the internet. Closed, and its profile deleted, when the
 * test finishes. A machine without chromium fails the test with what to install.
 *
 * Screenshots go to test-artifacts/console/ (git-ignored), at a desktop and a phone size.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

/** Without the networking flags Chromium keeps trying to reach the internet. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const ARTIFACTS_DIR = fileURLToPath(
  new URL('../../test-artifacts/console', import.meta.url),
);

/** A browser with a fresh profile at the desktop size; closed when the test finishes. */
export async function openBrowser(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the console's browser tests drive Debian's chromium at ${CHROMIUM}, which is missing: install it with 'apt-get install -y chromium' (.ci/run does)`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'aflo-emu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: DESKTOP,
  });
  onTestFinished(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

/** The context's first page (a persistent context opens with one). */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/**
 * Saves `name`-1280x800.png and `name`-390x844.png of what the page shows, then puts the
 * desktop size back.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: join(ARTIFACTS_DIR, `${name}-${size.width}x${size.height}.png`),
    });
  }
  await page.setViewportSize(DESKTOP);
}

/** A locator's text with its white space collapsed, as a person reads it. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
