/**
 * The process entry: configuration from the environment, then the server in its role (all-in-one,
 * collector or gateway) until a signal. The only place that reads the environment.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/load-config.js';
import { RedisConfigError } from './redis/redis-config.js';
import { createLogger } from './logger.js';
import { checkBindAddress } from './runtime/bind-policy.js';
import { startTickdeck } from './runtime/start-tickdeck.js';
import { startCollector } from './scale-out/start-collector.js';
import { startGateway } from './scale-out/start-gateway.js';

/** What a process runs: everything (`start`), or one scale-out role. */
export type ServerRole = 'start' | 'collector' | 'gateway';

const ROLE_NAME: Record<ServerRole, string> = {
  start: 'tickdeck',
  collector: 'tickdeck collector',
  gateway: 'tickdeck gateway',
};

const packageVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
};

/**
 * Run tickdeck until SIGINT or SIGTERM. Resolves with the process exit code.
 * @param env the environment (TICKDECK_* variables, TICKDECK_CONFIG file).
 * @param role all-in-one (default), collector or gateway.
 */
export async function runServer(
  env: Readonly<Record<string, string | undefined>>,
  role: ServerRole = 'start',
): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
    checkBindAddress(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tickdeck: ${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const webRoot = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
  const version = packageVersion();
  let running: { url: string; close(): Promise<void> };
  try {
    running =
      role === 'collector'
        ? await startCollector({ config, logger, version })
        : role === 'gateway'
          ? await startGateway({ config, logger, webRoot, version })
          : await startTickdeck({ config, logger, webRoot, version });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof RedisConfigError) {
      process.stderr.write(`tickdeck: ${err.message}\n`);
      return 78;
    }
    logger.fatal({ err }, `${ROLE_NAME[role]} could not start`);
    process.stderr.write(`tickdeck: ${ROLE_NAME[role]} could not start: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${ROLE_NAME[role]} is running: ${running.url.replace('127.0.0.1', 'localhost')}\n`);
  const server = running;
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.close().then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
