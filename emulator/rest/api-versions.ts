/**
 * The REST API versions the emulator answers: 50.0 (jsforce's default) to 62.0. `GET
 * /services/data` lists them; a path with any other version is a 404 NOT_FOUND.
 */
import type { RequestHandler } from 'express';
import { notFound } from './rest-errors.ts';

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

/** Version 50.0 is Winter '21, 51.0 Spring '21, 52.0 Summer '21, 53.0 Winter '22, and so on. */
export const API_VERSIONS: ReadonlyArray<{ label: string; url: string; version: string }> =
  Array.from({ length: 13 }, (_, i) => {
    const version = `${50 + i}.0`;
    const label = `${SEASONS[i % 3] ?? 'Winter'} '${21 + Math.floor(i / 3)}`;
    return { label, url: `/services/data/v${version}`, version };
  });

export const LATEST_VERSION = '62.0';

/** Checks the `:version` path parameter (`v62.0`) and leaves the bare version on `res.locals`. */
export const requireVersion: RequestHandler = (req, res, next) => {
  const raw = String(req.params.version ?? '');
  const version = raw.replace(/^v/, '');
  if (!/^v\d+\.0$/.test(raw) || !API_VERSIONS.some((v) => v.version === version)) {
    throw notFound(
      `The requested resource does not exist: API version ${raw} is not supported (use v50.0 to v${LATEST_VERSION})`,
    );
  }
  res.locals.apiVersion = version;
  next();
};
