/**
 * The security model from the configuration, in one call: what the composition root passes to
 * buildApp (a plugin registered before every route, and the TLS options), to the gateway (how sessions
 * authenticate and which channels a role reads), to the gateway plugin (allowed origins) and to the
 * analytics (the bots' API keys).
 * @example
 * const security = createSecurity(config, { db, clock });
 * const gateway = createGateway({ ...options, auth: security.gatewayAuth });
 * const app = await buildApp({ ...deps, security: security.plugin, https: security.https });
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Clock } from '@tickdeck/core';
import type { FastifyPluginAsync } from 'fastify';
import { ApiKeys } from '../analytics/ingest/api-keys.js';
import type { Config } from '../config/config-schema.js';
import { ConfigError } from '../config/load-config.js';
import type { GatewayAuth } from '../gateway/gateway-auth.js';
import type { SqlExecutor } from '../store/sql/sql-executor.js';
import { ApiKeyStore } from './api-key-store.js';
import { authEnabled } from './auth-config.js';
import { authRoutes } from './auth-routes.js';
import { mayReadChannel } from './channel-permissions.js';
import { checkSecurityConfig } from './check-security-config.js';
import { createJwtVerifier, type VerifyToken } from './jwt-verifier.js';
import { keyRoutes } from './key-routes.js';
import { installSecurityHook } from './security-hook.js';
import { createTokenIssuer } from './token-issuer.js';
import { registerWebDefences } from './web-defences.js';

export interface Security {
  /** Authentication is configured (a secret or a JWKS). */
  readonly enabled: boolean;
  /** Register before every route (it is not encapsulated: its hooks apply to the whole app). */
  readonly plugin: FastifyPluginAsync;
  /** For the gateway; undefined when authentication is off. */
  readonly gatewayAuth: GatewayAuth | undefined;
  /** Origins allowed besides the server's own (WebSocket upgrades and CORS). */
  readonly allowedOrigins: readonly string[];
  /** The bots' API keys: configured, and made by admins. */
  readonly apiKeys: ApiKeys;
  /** Fastify's `https` option when TLS is configured. */
  readonly https: { key: Buffer; cert: Buffer } | undefined;
  /** Verifies a token (undefined when off). */
  readonly verify: VerifyToken | undefined;
}

function readPem(path: string, setting: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    // The message names the file, never its content.
    throw new ConfigError(setting, `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * @param config the validated configuration (`auth`, `tls`, `analytics.apiKeys`)
 * @param deps.db the migrated history database (table `api_keys`)
 * @param options.keyRoutes serve the API-key routes (default true; a gateway forwards them)
 * @throws ConfigError for inconsistent settings or unreadable TLS files
 */
export function createSecurity(
  config: Config,
  deps: { db: SqlExecutor; clock: Clock },
  options: { keyRoutes?: boolean } = {},
): Security {
  const { auth, tls } = config;
  checkSecurityConfig(auth, tls);
  const enabled = authEnabled(auth);
  const verify = enabled ? createJwtVerifier(auth, deps) : undefined;
  const issue =
    auth.jwtSecret === undefined
      ? undefined
      : createTokenIssuer({
          secret: auth.jwtSecret,
          issuer: auth.issuer,
          audience: auth.audience,
          ttlSec: auth.tokenTtlSec,
          clock: deps.clock,
        });
  const https =
    tls.certFile !== undefined && tls.keyFile !== undefined
      ? { cert: readPem(tls.certFile, 'tls.certFile'), key: readPem(tls.keyFile, 'tls.keyFile') }
      : undefined;
  const store = new ApiKeyStore(deps.db, deps.clock);
  const apiKeys = new ApiKeys(config.analytics.apiKeys, { store, alwaysRequired: enabled });

  const gatewayAuth: GatewayAuth | undefined =
    verify === undefined
      ? undefined
      : {
          required: true,
          timeoutMs: auth.authTimeoutMs,
          authenticate: async (token) => {
            const p = await verify(token);
            return { subject: p.username, role: p.role, expiresAt: p.expiresAt };
          },
          mayRead: (role, channel) => mayReadChannel(auth.channelRoles, role, channel),
        };

  const plugin: FastifyPluginAsync = async (app) => {
    await registerWebDefences(app, {
      allowedOrigins: auth.allowedOrigins,
      rateLimit: auth.rateLimit,
      tls: https !== undefined,
    });
    installSecurityHook(app, verify);
    await app.register(authRoutes({ users: auth.users, verify, issue }));
    // A gateway forwards the key routes to its collector instead (scale-out/collector-forward.ts).
    if (options.keyRoutes !== false) await app.register(keyRoutes(store));
  };
  // Not encapsulated (what fastify-plugin does): the hooks apply to every route of the app.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

  return { enabled, plugin, gatewayAuth, allowedOrigins: auth.allowedOrigins, apiKeys, https, verify };
}
