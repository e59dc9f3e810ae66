import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillEvent } from '../testing/analytics-app.test-helpers.js';

const script = fileURLToPath(new URL('../testing/durability-server.test-helpers.ts', import.meta.url));
const pkg = (name: string) => fileURLToPath(new URL(`../../../../${name}/src/index.ts`, import.meta.url));

let dir: string;
let tsconfig: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdeck-durability-'));
  // The child resolves the workspace packages to their sources, as the tests do.
  tsconfig = join(dir, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        paths: { '@tickdeck/protocol': [pkg('protocol')], '@tickdeck/core': [pkg('core')] },
      },
    }),
  );
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts the server process on the data directory; resolves with its port once it listens. */
function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, join(dir, 'db')], {
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += String(d)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('ingest durability across kill -9', () => {
  it('an acknowledged event is there after the process is killed right after the ack and restarted', async () => {
    const first = await startServer();
    const event = fillEvent('durable-bot', 'ev-1', {
      side: 'buy',
      price: 42,
      amount: 1.5,
      timestamp: 1_700_000_000_000,
    });
    const res = await fetch(`http://127.0.0.1:${first.port}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [event] }),
    });
    expect((await res.json()).results[0].status).toBe('accepted');
    await killed(first.child);

    const second = await startServer();
    try {
      const fills = await (
        await fetch(`http://127.0.0.1:${second.port}/api/v1/fills?botId=durable-bot`)
      ).json();
      expect(fills.fills).toEqual([{ eventId: 'ev-1', ...(event['fill'] as object) }]);
      const p = await (
        await fetch(`http://127.0.0.1:${second.port}/api/v1/portfolio?botId=durable-bot`)
      ).json();
      expect(p.positions[0].amount).toBe(1.5);
      const again = await fetch(`http://127.0.0.1:${second.port}/api/v1/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: [event] }),
      });
      expect((await again.json()).results[0].status).toBe('duplicate');
    } finally {
      await killed(second.child);
    }
  });
});
