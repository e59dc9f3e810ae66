/**
 * buildApp: the HTTP server from its adapters. Reads no environment and does not listen; main.ts does.
 * @example
 * const app = await buildApp(deps);
 * const res = await app.inject({ url: '/health' });
 */
import swagger from '@fastify/swagger';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AppDeps, OpenApiDocument } from './app-deps.js';
import { installErrorHandlers } from './http/error-handler.js';
import { candleRoutes } from './routes/candle-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { marketRoutes } from './routes/market-routes.js';
import { statusRoutes } from './routes/status-routes.js';
import { tradeRoutes } from './routes/trade-routes.js';

/**
 * The one <style> Swagger UI's bundle injects (its content is fixed per version; a new version that
 * changes it shows as a violation in apps/web/e2e/csp.e2e.test.ts).
 */
const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** Swagger UI's policy without other hosts or framing; upgrade-insecure-requests only under TLS. */
const docsPolicy = (csp: string, tls: boolean): string => {
  const strict = csp
    .replace(' validator.swagger.io', '')
    .replaceAll(' https:', '')
    .replace("style-src 'self'", `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`)
    .replace("frame-ancestors 'self'", "frame-ancestors 'none'");
  return tls ? strict : strict.replace(/\s*upgrade-insecure-requests;/, '');
};

/** What @fastify/swagger hands to `transformObject`. */
type SwaggerDocumentObject = Parameters<NonNullable<FastifyDynamicSwaggerOptions['transformObject']>>[0];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.https ? { https: deps.https } : {}),
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    loggerInstance: deps.logger,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
    bodyLimit: 1_048_576,
  });
  installErrorHandlers(app);
  // Security first: its hooks (headers, CORS, rate limits, permissions) must see every route.
  if (deps.security) await app.register(deps.security);

  const openapi = deps.openapi;
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tickdeck API',
        version: deps.version ?? '0.0.0',
        description: 'REST API of tickdeck. Real-time data: see docs/protocol.md (WebSocket at /ws).',
      },
      // With authentication on (docs/security.md): user routes take a JWT, bot routes an API key.
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or bot API key' },
        },
      },
      security: [{ bearer: [] }],
    },
    ...(openapi
      ? {
          // Changed in place and returned: the same object, so its type stays the library's.
          transformObject: (document: SwaggerDocumentObject) =>
            'openapiObject' in document
              ? (openapi(document.openapiObject as OpenApiDocument) as typeof document.openapiObject)
              : document.swaggerObject,
        }
      : {}),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { validatorUrl: null },
    // Swagger UI's own policy (hashes of its scripts); nothing from other hosts, no framing.
    staticCSP: true,
    transformStaticCSP: (csp) => docsPolicy(csp, deps.https !== undefined),
  });

  await app.register(healthRoutes(deps));
  await app.register(marketRoutes(deps));
  await app.register(candleRoutes(deps));
  await app.register(tradeRoutes(deps));
  await app.register(statusRoutes(deps));
  for (const plugin of deps.plugins ?? []) await app.register(plugin);
  return app;
}
