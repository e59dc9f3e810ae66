/**
 * The process entry: configuration from the environment, then the all-in-one server until a signal.
 * The only place that reads the environment.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createLogger } from './logger.js';
import { checkBindAddress } from './runtime/bind-policy.js';
import { startTickdeck } from './runtime/start-tickdeck.js';

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
 */
export async function runServer(env: Readonly<Record<string, string | undefined>>): Promise<number> {
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
  let running;
  try {
    running = await startTickdeck({ config, logger, webRoot, version: packageVersion() });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tickdeck: ${err.message}\n`);
      return 78;
    }
    logger.fatal({ err }, 'tickdeck could not start');
    return 1;
  }
  process.stdout.write(`tickdeck is running: ${running.url.replace('127.0.0.1', 'localhost')}\n`);
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
