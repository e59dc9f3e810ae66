/**
 * A small server that speaks the documented real-time protocol, for the SDK's tests: welcome,
 * subscribe with a snapshot or a replay from a bounded history, publications, ping/pong, and
 * closes with chosen codes. Not the gateway: no limits, no batching delay, no conflation.
 */
import type { AddressInfo } from 'node:net';
import { Packr } from 'msgpackr';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK } from '@tickdeck/protocol';
import type { ChannelKind, ClientMessage, Publication, ServerMessage } from '@tickdeck/protocol';

const packr = new Packr({ useRecords: false });

export interface FixtureChannel {
  kind: ChannelKind;
  epoch: string;
  seq: number;
  history: Publication[];
  snapshot: () => unknown;
}

export interface FixtureConnection {
  ws: WebSocket;
  protocol: string;
  received: ClientMessage[];
  subscriptions: Set<string>;
  closed: boolean;
  pingTimer?: NodeJS.Timeout | undefined;
}

export interface FixtureOptions {
  /** Announced in the welcome. Default 60,000 (no heartbeat within a test). */
  heartbeatMs?: number;
  /** Ping the clients every heartbeatMs. Default false. */
  serverPings?: boolean;
  /** Publications kept per channel for recovery. Default 100. */
  historySize?: number;
}

export class ProtocolServer {
  readonly connections: FixtureConnection[] = [];
  readonly channels = new Map<string, FixtureChannel>();
  /** Answer client pings. */
  answerPings = true;
  /** Send the welcome on connect. */
  sendWelcome = true;
  /** Close every new connection at once with this code (after the welcome if sendWelcome). */
  closeOnConnect: { code: number; reason: string } | undefined;
  /** The `expiresAt` answered to an `auth` with this token. Default: none. */
  expiresAtOf: ((token: string) => number | undefined) | undefined;
  private sessions = 0;

  private constructor(
    private readonly wss: WebSocketServer,
    readonly options: Required<FixtureOptions>,
  ) {}

  static async start(options: FixtureOptions = {}): Promise<ProtocolServer> {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) =>
        protocols.has(SUBPROTOCOL_MSGPACK)
          ? SUBPROTOCOL_MSGPACK
          : protocols.has(SUBPROTOCOL_JSON)
            ? SUBPROTOCOL_JSON
            : false,
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    const server = new ProtocolServer(wss, {
      heartbeatMs: options.heartbeatMs ?? 60_000,
      serverPings: options.serverPings ?? false,
      historySize: options.historySize ?? 100,
    });
    wss.on('connection', (ws) => server.accept(ws));
    return server;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws`;
  }

  get open(): FixtureConnection[] {
    return this.connections.filter((c) => !c.closed);
  }

  /** Every client message received, over all connections, of one op. */
  receivedOf<Op extends ClientMessage['op']>(op: Op): Extract<ClientMessage, { op: Op }>[] {
    return this.connections.flatMap((c) => c.received).filter((m) => m.op === op) as Extract<
      ClientMessage,
      { op: Op }
    >[];
  }

  declare(name: string, kind: ChannelKind, snapshot: () => unknown, epoch = 'e1'): FixtureChannel {
    const channel: FixtureChannel = { kind, epoch, seq: 0, history: [], snapshot };
    this.channels.set(name, channel);
    return channel;
  }

  /** Publish to the history and to every subscriber. */
  publish(name: string, d: unknown): Publication {
    const pub = this.record(name, d);
    this.broadcast(name, [pub]);
    return pub;
  }

  /** Publish to the history only: subscribers miss it (a lost frame). */
  lose(name: string, d: unknown): Publication {
    return this.record(name, d);
  }

  /** Start a new epoch: seq from 0, history cleared. */
  resetEpoch(name: string, epoch: string): void {
    const channel = this.mustGet(name);
    channel.epoch = epoch;
    channel.seq = 0;
    channel.history = [];
  }

  /** Send messages as one frame to one connection, in its encoding. */
  sendRaw(conn: FixtureConnection, messages: ServerMessage[] | ServerMessage): void {
    if (conn.closed) return;
    conn.ws.send(conn.protocol === SUBPROTOCOL_MSGPACK ? packr.pack(messages) : JSON.stringify(messages));
  }

  broadcast(name: string, messages: ServerMessage[]): void {
    for (const conn of this.open) if (conn.subscriptions.has(name)) this.sendRaw(conn, messages);
  }

  /** Close every open connection with a code. */
  dropAll(code: number, reason = ''): void {
    for (const conn of this.open) conn.ws.close(code, reason);
  }

  /** Cut every open connection without a close frame (the client sees 1006). */
  terminateAll(): void {
    for (const conn of this.open) conn.ws.terminate();
  }

  async close(): Promise<void> {
    this.terminateAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private record(name: string, d: unknown): Publication {
    const channel = this.mustGet(name);
    channel.seq += 1;
    const pub: Publication = { op: 'pub', ch: name, ep: channel.epoch, seq: channel.seq, d };
    channel.history.push(pub);
    if (channel.history.length > this.options.historySize) channel.history.shift();
    return pub;
  }

  private mustGet(name: string): FixtureChannel {
    const channel = this.channels.get(name);
    if (channel === undefined) throw new Error(`fixture: undeclared channel ${name}`);
    return channel;
  }

  private accept(ws: WebSocket): void {
    const conn: FixtureConnection = {
      ws,
      protocol: ws.protocol,
      received: [],
      subscriptions: new Set(),
      closed: false,
    };
    this.connections.push(conn);
    ws.on('close', () => {
      conn.closed = true;
      clearInterval(conn.pingTimer);
    });
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      const message = (isBinary ? packr.unpack(data as Buffer) : JSON.parse(String(data))) as ClientMessage;
      conn.received.push(message);
      this.handle(conn, message);
    });
    if (this.sendWelcome) {
      this.sendRaw(conn, [
        {
          op: 'welcome',
          version: 1,
          session: `s${++this.sessions}`,
          heartbeatMs: this.options.heartbeatMs,
          limits: { maxFrameBytes: 65_536, maxCommandsPerSec: 50, maxSubscriptions: 500 },
        },
      ]);
    }
    if (this.closeOnConnect !== undefined) {
      ws.close(this.closeOnConnect.code, this.closeOnConnect.reason);
      return;
    }
    if (this.options.serverPings) {
      conn.pingTimer = setInterval(
        () => this.sendRaw(conn, [{ op: 'ping', t: Date.now() }]),
        this.options.heartbeatMs,
      );
    }
  }

  private handle(conn: FixtureConnection, message: ClientMessage): void {
    switch (message.op) {
      case 'ping':
        if (this.answerPings) this.sendRaw(conn, [{ op: 'pong', t: message.t }]);
        return;
      case 'unsubscribe':
        for (const ch of message.channels) conn.subscriptions.delete(ch);
        this.sendRaw(
          conn,
          message.channels.map((ch) => ({ op: 'unsubscribed' as const, id: message.id, ch })),
        );
        return;
      case 'subscribe':
        return this.subscribe(conn, message);
      case 'auth':
        this.sendRaw(conn, [
          {
            op: 'authenticated',
            id: message.id,
            role: 'viewer',
            expiresAt: this.expiresAtOf?.(message.token),
          },
        ]);
        return;
      default:
        return;
    }
  }

  /** All the replies of one command go in one frame, recovered publications right after theirs. */
  private subscribe(conn: FixtureConnection, message: Extract<ClientMessage, { op: 'subscribe' }>): void {
    const out: ServerMessage[] = [];
    for (const request of message.channels) {
      const ch = request.channel;
      const channel = this.channels.get(ch);
      if (channel === undefined) {
        out.push({ op: 'error', id: message.id, code: 'UNKNOWN_CHANNEL', message: `no channel ${ch}`, ch });
        continue;
      }
      conn.subscriptions.add(ch);
      const base = { op: 'subscribed' as const, id: message.id, ch, kind: channel.kind, ep: channel.epoch };
      const since = request.since;
      const oldest = channel.history[0]?.seq ?? channel.seq + 1;
      if (
        since !== undefined &&
        since.epoch === channel.epoch &&
        since.seq >= oldest - 1 &&
        since.seq <= channel.seq
      ) {
        out.push({ ...base, seq: channel.seq, recovered: true });
        out.push(...channel.history.filter((p) => p.seq > since.seq));
      } else {
        out.push({ ...base, seq: channel.seq, recovered: false, snapshot: channel.snapshot() });
      }
    }
    this.sendRaw(conn, out);
  }
}
