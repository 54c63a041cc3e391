import type { Request } from 'express';
import { API_BASE } from './route';

/**
 * The full route template a request matched (`/api/v1/gradings/:id`), or undefined when no
 * route matched. Read when the response finishes, for the access log and the metrics labels.
 * Express restores req.baseUrl when an error leaves the API router, so on error paths it no
 * longer holds the mount prefix: the prefix is taken from the URL instead.
 */
export function routeTemplate(req: Request): string | undefined {
  const path = (req.route as { path?: string } | undefined)?.path;
  if (path === undefined) return undefined;
  const base = req.originalUrl.startsWith(`${API_BASE}/`) ? API_BASE : '';
  return `${base}${path}`;
}
