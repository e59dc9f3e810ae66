/**
 * Settings of the security model (authentication, roles, web defences, TLS), with their defaults.
 * docs/security.md explains each; docs/configuration.md lists them with their environment variables.
 * Added to the configuration's schema with one line (`...SECURITY_CONFIG_PROPERTIES`).
 * @module
 */
import Type, { type Static } from 'typebox';

export const ROLE_NAMES = ['viewer', 'trader', 'admin'] as const;

const RoleSchema = Type.Enum(ROLE_NAMES, { description: 'viewer < trader < admin' });

/** Algorithms a token may be signed with. `none` is never among them. */
export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

export const UserSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
    /** An argon2 hash from `tickdeck hash-password`; never the password itself. */
    passwordHash: Type.String({ minLength: 20, maxLength: 512, pattern: '^\\$argon2(id|i|d)\\$' }),
    role: RoleSchema,
  },
  { additionalProperties: false },
);

export const AuthConfigSchema = Type.Object(
  {
    /**
     * Shared HS256 secret (at least 32 bytes) for verifying tokens and signing the dashboard's login
     * tokens. With it or `jwksUrl`, authentication is on.
     */
    jwtSecret: Type.Optional(Type.String({ minLength: 32, maxLength: 4096 })),
    /** URL of a JWKS (https) whose public keys verify tokens issued by an identity provider. */
    jwksUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048 })),
    /**
     * Algorithms accepted. Default: HS256 with `jwtSecret`; RS256, PS256, ES256 and EdDSA with
     * `jwksUrl`. Symmetric and asymmetric algorithms are never accepted for the same key.
     */
    algorithms: Type.Optional(Type.Array(Type.Enum(JWT_ALGORITHMS), { minItems: 1, uniqueItems: true })),
    /** Required `iss` claim. */
    issuer: Type.String({ minLength: 1, maxLength: 512, default: 'tickdeck' }),
    /** Required `aud` claim. */
    audience: Type.String({ minLength: 1, maxLength: 512, default: 'tickdeck' }),
    /** Leeway for `exp` and `nbf`, seconds. */
    clockToleranceSec: Type.Integer({ minimum: 0, maximum: 300, default: 5 }),
    /** Lifetime of the tokens issued by login and refresh, seconds. */
    tokenTtlSec: Type.Integer({ minimum: 60, maximum: 604_800, default: 3600 }),
    /** A WebSocket that has not authenticated within this long is closed with 4501, ms. */
    authTimeoutMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000 }),
    /** Dashboard users (login needs `jwtSecret`). */
    users: Type.Array(UserSchema, { default: [], maxItems: 1000 }),
    /** Least role per channel prefix (`orders`, `logs`…); a prefix not listed needs `viewer`. */
    channelRoles: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' }), RoleSchema, {
      default: {},
    }),
    /**
     * Origins (scheme://host[:port]) allowed besides the server's own: WebSocket upgrades and CORS.
     * Default: same origin only.
     */
    allowedOrigins: Type.Array(Type.String({ pattern: '^https?://[^\\s/]+$', maxLength: 512 }), {
      default: [],
    }),
    rateLimit: Type.Object(
      {
        /** Requests per address per window, every route. */
        max: Type.Integer({ minimum: 1, default: 1200 }),
        /** Login attempts per address per window. */
        loginMax: Type.Integer({ minimum: 1, default: 10 }),
        /** Ingest requests per API key (or address, without one) per window. */
        ingestMax: Type.Integer({ minimum: 1, default: 6000 }),
        /** Window, ms. */
        windowMs: Type.Integer({ minimum: 1000, default: 60_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export const TlsConfigSchema = Type.Object(
  {
    /** PEM certificate (chain) file; with `keyFile`, the server speaks HTTPS and WSS only. */
    certFile: Type.Optional(Type.String({ minLength: 1 })),
    /** PEM private key file. */
    keyFile: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, default: {} },
);

/** The top-level settings this module adds to the configuration. */
export const SECURITY_CONFIG_PROPERTIES = {
  /** Authentication, roles and web defences: see docs/security.md. */
  auth: AuthConfigSchema,
  /** HTTPS: see docs/security.md. */
  tls: TlsConfigSchema,
};

/** Environment variables of these settings (comma-separated lists for arrays). */
export const SECURITY_ENV_SETTINGS: Readonly<Record<string, string>> = {
  TICKDECK_JWT_SECRET: 'auth.jwtSecret',
  TICKDECK_JWKS_URL: 'auth.jwksUrl',
  TICKDECK_JWT_ISSUER: 'auth.issuer',
  TICKDECK_JWT_AUDIENCE: 'auth.audience',
  TICKDECK_ALLOWED_ORIGINS: 'auth.allowedOrigins',
  TICKDECK_TLS_CERT: 'tls.certFile',
  TICKDECK_TLS_KEY: 'tls.keyFile',
};

/** Settings given as a comma-separated list in the environment. */
export const LIST_SETTINGS: ReadonlySet<string> = new Set(['auth.allowedOrigins']);

export type AuthConfig = Static<typeof AuthConfigSchema>;
export type TlsConfig = Static<typeof TlsConfigSchema>;
export type UserConfig = Static<typeof UserSchema>;

/** Whether tokens are verified (a secret or a JWKS is configured). */
export const authEnabled = (auth: AuthConfig): boolean =>
  auth.jwtSecret !== undefined || auth.jwksUrl !== undefined;
