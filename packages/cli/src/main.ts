#!/usr/bin/env node
/**
 * The `tickdeck` command.
 *
 *   tickdeck start                 everything in one process (the default of `npm start`)
 *   tickdeck collector             scale-out: sources, pipeline, analytics, writers (Redis + PostgreSQL)
 *   tickdeck gateway               scale-out: WebSocket, REST and dashboard (Redis + PostgreSQL)
 *   tickdeck tail <channel> [...]  print a channel live (see docs/cli-tail.md)
 *   tickdeck hash-password         hash a password read from stdin, for auth.users
 *   tickdeck help
 */
import { runServer } from '@tickdeck/server';

const USAGE = `Usage: tickdeck <command>

Commands:
  start                 run tickdeck in one process: sources, pipeline, storage, API, dashboard
  collector             scale-out: sources, pipeline, analytics and writers on Redis and PostgreSQL
  gateway               scale-out: WebSocket, REST and dashboard on Redis and PostgreSQL (docs/deploy.md)
  tail <channel>        print a channel live (tickdeck tail --help)
  backtest [...]        run a strategy over a candle file or a server's history (tickdeck backtest --help)
  hash-password         read a password on standard input, print its hash for auth.users (docs/security.md)
  help                  this text

Configuration: environment variables TICKDECK_* and an optional JSON file named by TICKDECK_CONFIG
(see docs/configuration.md).
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
    case undefined:
      return runServer(process.env);
    case 'collector':
    case 'gateway':
      return runServer(process.env, command);
    case 'tail': {
      const { runTail } = await import('./tail.js');
      return runTail(rest, { stdout: process.stdout, stderr: process.stderr });
    }
    case 'backtest': {
      const { runBacktestCli } = await import('./backtest.js');
      return runBacktestCli(rest, { stdout: process.stdout, stderr: process.stderr });
    }
    case 'hash-password': {
      const { runHashPassword } = await import('./hash-password.js');
      return runHashPassword({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`tickdeck: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tickdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
