/** Test helpers: spawn the test server process, and a raw WebSocket client that records messages. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { unpack } from 'msgpackr';
import WebSocket from 'ws';

export interface TestServer {
  port: number;
  pid: number;
  url: string;
  publish(body: Record<string, unknown>): Promise<{ first: number; last: number; epoch: string }>;
  post(path: string, body?: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./test-server.test-helpers.ts', import.meta.url));

export async function startTestServer(settings: object = {}): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, TICKDECK_TEST_GATEWAY: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('test server did not start in 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const { port } = JSON.parse(line) as { port?: number };
        if (port) {
          clearTimeout(timer);
          resolve(port);
        }
      } catch {
        // not our line
      }
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown = {}) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  return {
    port,
    pid: child.pid!,
    url: `ws://127.0.0.1:${port}/ws`,
    publish: (body) => post('/test/publish', body) as Promise<{ first: number; last: number; epoch: string }>,
    post,
    get: async (path) => (await fetch(base + path)).json(),
    stop: async () => {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
      await exited;
    },
  };
}

export type Msg = Record<string, unknown> & { op: string };

/** A WebSocket client recording every message (frames flattened) and its close code. */
export class TestClient {
  readonly messages: Msg[] = [];
  frames = 0;
  closeCode: number | undefined;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];
  private pending: Promise<void>;

  constructor(url: string, opts: { protocol?: string; origin?: string; autoPong?: boolean } = {}) {
    this.ws = new WebSocket(url, opts.protocol ? [opts.protocol] : [], {
      headers: opts.origin ? { origin: opts.origin } : {},
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
    this.pending = this.opened.catch(() => {});
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      });
    });
    this.ws.on('message', (data: Buffer, isBinary) => {
      const frame = (isBinary ? unpack(data) : JSON.parse(data.toString())) as Msg[];
      if (!Array.isArray(frame)) throw new Error('server frame is not an array');
      this.frames++;
      for (const m of frame) {
        this.messages.push(m);
        if (m.op === 'ping' && opts.autoPong !== false) this.send({ op: 'pong', t: m.t });
      }
      this.wake();
    });
    this.ws.on('error', () => {});
  }

  /** Send `msg` as JSON, once the socket is open (in call order). */
  send(msg: unknown): void {
    const text = JSON.stringify(msg);
    if (this.ws.readyState === WebSocket.CONNECTING)
      this.pending = this.pending.then(() => this.ws.send(text));
    else this.ws.send(text);
  }

  /** Wait until `pred` holds over the messages (or the socket closed); bounded by `timeoutMs`. */
  async until(pred: (msgs: Msg[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.messages)) {
      if (this.closeCode !== undefined) throw new Error(`closed with ${this.closeCode} while waiting`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out; last messages: ${JSON.stringify(this.messages.slice(-3)).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Publications received on `ch`. */
  pubs(ch: string): Msg[] {
    return this.messages.filter((m) => m.op === 'pub' && m.ch === ch);
  }

  find(op: string, ch?: string): Msg | undefined {
    return this.messages.find((m) => m.op === op && (ch === undefined || m.ch === ch));
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
