/**
 * A client worker process of the fan-out benchmark: opens its share of the connections on request,
 * records what they receive, and reports over IPC. Exits when the parent goes away.
 * @module
 */
import { CONNECT, type BenchClient } from './fanout-clients.js';
import type { ConnectSpec, WorkerReply, WorkerRequest } from './fanout-ipc.js';
import { Recorder } from './fanout-recorder.js';

const CONNECT_TIMEOUT_MS = 30_000;
let rec = new Recorder();
let clients: BenchClient[] = [];

async function connectAll(spec: ConnectSpec) {
  const t0 = performance.now();
  const connect = CONNECT[spec.kind];
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < spec.clients.length) {
      const i = next++;
      const topics = spec.clients[i]!;
      const port = spec.ports?.[i] ?? spec.port;
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('connect timeout')), CONNECT_TIMEOUT_MS);
        });
        clients.push(await Promise.race([connect(port, topics, rec), timeout]));
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, spec.concurrency) }, lane));
  return { connected: clients.length, failed, firstError, ms: performance.now() - t0 };
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  switch (req.type) {
    case 'connect':
      return { id: req.id, type: 'connect', ...(await connectAll(req)) };
    case 'reset':
      rec.reset();
      return { id: req.id, type: 'reset' };
    case 'progress':
      return { id: req.id, type: 'progress', received: rec.received, disconnects: rec.disconnects };
    case 'collect':
      return { id: req.id, type: 'collect', result: rec.result() };
    case 'close':
      for (const c of clients) c.close();
      clients = [];
      rec = new Recorder();
      return { id: req.id, type: 'close' };
  }
}

process.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (reply) => process.send?.(reply),
    (err: unknown) => {
      console.error('client worker:', err);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
