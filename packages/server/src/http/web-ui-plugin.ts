/**
 * Serves the built dashboard (apps/web/dist) at `/`, falling back to index.html for client-side
 * routes. Vite names every file under `assets/` by a hash of its content, so those are cached for
 * a year and never revalidated (`immutable`); index.html, which names the current ones, is
 * revalidated on every load (`no-cache`), so browsers take a new build at their next load. The files
 * are listed when the server starts (`wildcard: false`): a new build is served once the server restarts.
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Cache-Control of the content-hashed files under `assets/`. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Cache-Control of index.html and the other unhashed files. */
export const PAGE_CACHE_CONTROL = 'no-cache';

export const webUiPlugin =
  (root: string): FastifyPluginAsync =>
  async (app) => {
    if (!existsSync(root)) {
      app.log.warn({ root }, 'dashboard not built: run `npm run build`; serving the API only');
      return;
    }
    const assets = join(root, 'assets');
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (res, path) => {
        const hashed = path.startsWith(assets + '/') || path.startsWith(assets + '\\');
        res.setHeader('cache-control', hashed ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL);
      },
    });
    // Not an API route: left out of the OpenAPI document.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      // An asset that is not there (an old page asking for a file of an earlier build) is a 404,
      // not index.html, which the browser would refuse as a script anyway.
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) {
        return reply.callNotFound();
      }
      return reply.sendFile('index.html');
    });
  };
