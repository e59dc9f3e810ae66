/** Serves the built dashboard (apps/web/dist) at `/`, falling back to index.html for client-side routes. */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const webUiPlugin =
  (root: string): FastifyPluginAsync =>
  async (app) => {
    if (!existsSync(root)) {
      app.log.warn({ root }, 'dashboard not built: run `npm run build`; serving the API only');
      return;
    }
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
    app.get('/*', (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return reply.callNotFound();
      }
      return reply.sendFile('index.html');
    });
  };
