/**
 * The files the console's pages load, served by the emulator itself so the console works
 * offline: the Lightning Design System's stylesheets, icons and images from its npm package
 * (`@salesforce-ux/design-system`, at `/assets/slds/…`), and the console's own small stylesheet
 * and progressive script (`cli/console/assets/`, at `/assets/console/…`). No session is needed:
 * nothing here is the org's data.
 */
import express, { Router } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../../emulator/project-path.ts';

/** Where pages find the design system's `assets` folder. */
export const SLDS_ASSETS = '/assets/slds';

const CONSOLE_ASSETS_DIR = projectPath(import.meta.url, './assets', 'cli/console/assets');

/** The design system's `assets` folder inside node_modules. */
function sldsAssetsDir(): string {
  const manifest = createRequire(import.meta.url).resolve(
    '@salesforce-ux/design-system/package.json',
  );
  return join(dirname(manifest), 'assets');
}

export function staticAssets(): Router {
  const router = Router();
  const options = { fallthrough: false, index: false, maxAge: '1h', redirect: false };
  router.use(SLDS_ASSETS, express.static(sldsAssetsDir(), options));
  router.use('/assets/console', express.static(CONSOLE_ASSETS_DIR, { ...options, maxAge: 0 }));
  return router;
}
