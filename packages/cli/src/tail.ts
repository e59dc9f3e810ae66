/**
 * `tickdeck tail <channel>`: print a channel live through the client SDK.
 * @module
 */
import { WebSocket } from 'ws';
import { ErrorCode } from '@tickdeck/protocol';
import { TickdeckClient, describeReason, describeState } from '@tickdeck/client';
import type { ConnectionState, WebSocketConstructor } from '@tickdeck/client';
import { TAIL_USAGE, TailUsageError, parseTailArgs } from './tail-args.js';
import { formatPublication, formatSnapshot } from './tail-format.js';

/** Where `tail` writes: process.stdout/stderr, or a fake in tests. */
export interface TailIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface TailOptions {
  /** Stops the tail (exit code 0). Default: SIGINT stops it. */
  signal?: AbortSignal | undefined;
  /** WebSocket implementation. Default the `ws` package's. */
  WebSocket?: WebSocketConstructor | undefined;
}

/** Exit codes of `tickdeck tail`. */
export const TailExit = {
  /** Stopped by SIGINT (or the signal), or `--count` publications printed. */
  Ok: 0,
  /** Connection refused, unknown channel, subscription refused, or a close code forbidding reconnect. */
  Failed: 1,
  /** Bad arguments. */
  Usage: 2,
} as const;

/**
 * Run `tickdeck tail` with the arguments after `tail`. Resolves with the exit code; never calls
 * `process.exit`.
 */
export const runTail = async (argv: string[], io: TailIo, options: TailOptions = {}): Promise<number> => {
  let args;
  try {
    args = parseTailArgs(argv);
  } catch (error) {
    if (!(error instanceof TailUsageError)) throw error;
    io.stderr.write(`tickdeck tail: ${error.message}\n\n${TAIL_USAGE}`);
    return TailExit.Usage;
  }
  if (args.help) {
    io.stdout.write(TAIL_USAGE);
    return TailExit.Ok;
  }
  const { channel, url, json, count } = args;
  const client = new TickdeckClient({
    url,
    WebSocket: options.WebSocket ?? WebSocket,
    encoding: args.msgpack ? 'msgpack' : 'json',
    token: args.token,
  });
  const line = (text: string) => io.stdout.write(`${text}\n`);
  const note = (text: string) => io.stderr.write(`${text}\n`);

  return new Promise<number>((resolve) => {
    let connectedOnce = false;
    let printed = 0;
    let done = false;
    const stop = () => finish(TailExit.Ok);
    const finish = (code: number, message?: string) => {
      if (done) return;
      done = true;
      if (message !== undefined) note(`tickdeck tail: ${message}`);
      client.close();
      options.signal?.removeEventListener('abort', stop);
      if (options.signal === undefined) process.off('SIGINT', stop);
      resolve(code);
    };

    client.on('state', (state: ConnectionState) => {
      note(`[${describeState(state, Date.now())}]`);
      if (state.status === 'connected') connectedOnce = true;
      if (state.status === 'reconnecting' && !connectedOnce) {
        finish(TailExit.Failed, `cannot connect to ${url}: ${describeReason(state.reason)}`);
      } else if (state.status === 'disconnected' && state.reason.type !== 'user') {
        finish(TailExit.Failed, `disconnected by the server: ${describeReason(state.reason)}`);
      }
    });
    client.on('error', (error) => note(`[warning: ${error.message}]`));

    const subscription = client.subscribe(channel, {
      since: args.since,
      onSnapshot: (snapshot, info) => {
        if (json)
          line(
            JSON.stringify({
              op: 'snapshot',
              ch: channel,
              ep: info.epoch,
              seq: info.seq,
              kind: info.kind,
              cause: info.cause,
              snapshot,
            }),
          );
        else line(formatSnapshot(snapshot, info));
      },
      onRecovered: (info) => note(`[recovered ${channel} from ${info.since.epoch}:${info.since.seq}]`),
      onPublication: (d, info) => {
        line(
          json
            ? JSON.stringify({ op: 'pub', ch: channel, ep: info.epoch, seq: info.seq, d })
            : formatPublication(d, info),
        );
        printed += 1;
        if (count !== undefined && printed >= count) finish(TailExit.Ok);
      },
      onError: (error) => {
        if (subscription.status !== 'failed') return note(`[warning: ${error.message}; retrying]`);
        const why =
          error.serverCode === ErrorCode.UnknownChannel
            ? `unknown channel "${channel}"`
            : `subscription to ${channel} refused: ${error.message}`;
        finish(TailExit.Failed, why);
      },
    });

    if (options.signal !== undefined) {
      if (options.signal.aborted) return finish(TailExit.Ok);
      options.signal.addEventListener('abort', stop, { once: true });
    } else {
      process.once('SIGINT', stop);
    }
    client.connect();
  });
};
