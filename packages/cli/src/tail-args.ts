/**
 * Command-line arguments of `tickdeck tail`.
 * @module
 */
import { parseArgs } from 'node:util';
import { CHANNEL_PATTERN, MAX_CHANNEL_LENGTH } from '@tickdeck/protocol';
import type { StreamPosition } from '@tickdeck/protocol';

export const DEFAULT_TAIL_URL = 'ws://127.0.0.1:8080/ws';

export const TAIL_USAGE = `Usage: tickdeck tail <channel> [options]

Print a channel live: a snapshot summary line, then one line per publication.
State changes go to stderr.

Options:
  --url <ws-url>       gateway WebSocket URL (default ${DEFAULT_TAIL_URL})
  --json               print raw JSON lines (snapshot and pub messages) instead of text
  --since <epoch:seq>  resume after this position instead of starting with a snapshot
  --token <jwt>        authenticate with this token
  --count <n>          exit after n publications (for scripts)
  --msgpack            use the MessagePack encoding
  -h, --help           show this help

Examples:
  tickdeck tail ticker:BTC/USDT
  tickdeck tail candles:BTC/USDT:1m --json --count 10
  tickdeck tail trades:BTC/USDT --since 1f3a9c:1200
`;

export interface TailArgs {
  channel: string;
  url: string;
  json: boolean;
  since: StreamPosition | undefined;
  token: string | undefined;
  count: number | undefined;
  msgpack: boolean;
  help: boolean;
}

/** A usage mistake: the message says what is wrong. */
export class TailUsageError extends Error {
  override readonly name = 'TailUsageError';
}

const parseSince = (text: string): StreamPosition => {
  const at = text.lastIndexOf(':');
  const epoch = text.slice(0, at);
  const seq = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(seq) || seq < 0 || text.slice(at + 1) === '') {
    throw new TailUsageError(`--since wants <epoch>:<seq>, e.g. 1f3a9c:1200 (got "${text}")`);
  }
  return { epoch, seq };
};

/** @throws TailUsageError */
export const parseTailArgs = (argv: string[]): TailArgs => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string', default: DEFAULT_TAIL_URL },
        json: { type: 'boolean', default: false },
        since: { type: 'string' },
        token: { type: 'string' },
        count: { type: 'string' },
        msgpack: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new TailUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const channel = positionals[0] ?? '';
  if (!help) {
    if (positionals.length !== 1) throw new TailUsageError('expected exactly one channel');
    if (channel.length > MAX_CHANNEL_LENGTH || !CHANNEL_PATTERN.test(channel)) {
      throw new TailUsageError(`invalid channel name "${channel}" (e.g. ticker:BTC/USDT)`);
    }
  }
  let count: number | undefined;
  if (values.count !== undefined) {
    count = Number(values.count);
    if (!Number.isSafeInteger(count) || count < 1) {
      throw new TailUsageError(`--count wants a positive integer (got "${values.count}")`);
    }
  }
  const url = values.url ?? DEFAULT_TAIL_URL;
  if (!/^wss?:\/\//.test(url)) throw new TailUsageError(`--url wants a ws:// or wss:// URL (got "${url}")`);
  return {
    channel,
    url,
    json: values.json === true,
    since: values.since === undefined ? undefined : parseSince(values.since),
    token: values.token,
    count,
    msgpack: values.msgpack === true,
    help,
  };
};
