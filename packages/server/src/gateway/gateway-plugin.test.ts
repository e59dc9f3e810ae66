import { CloseCode } from '@tickdeck/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelRegistry } from './channel-registry.js';
import { createGateway, type Gateway } from './gateway.js';
import { gatewayPlugin } from './gateway-plugin.js';
import { MemoryBroker } from './memory/memory-broker.js';
import { TestClient } from './testing/gateway-client.test-helpers.js';

async function start(): Promise<{ app: FastifyInstance; gateway: Gateway; base: string }> {
  const registry = new ChannelRegistry();
  registry.declare({ prefix: 'ev', kind: 'stream' });
  const gateway = createGateway({ broker: new MemoryBroker(), registry });
  const app = Fastify();
  await app.register(gatewayPlugin({ gateway }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, gateway, base: `127.0.0.1:${port}` };
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('gatewayPlugin', () => {
  it('closes WebSocket and SSE clients with ServerRestart when the app closes, releasing everything', async () => {
    const s = await start();
    app = s.app;
    const ws = new TestClient(`ws://${s.base}/ws`);
    ws.send({ op: 'subscribe', channels: ['ev'] });
    await ws.until(() => ws.find('subscribed') !== undefined);
    const sse = await fetch(`http://${s.base}/api/v1/stream?channels=ev`);
    const reader = sse.body!.getReader();
    await reader.read();
    expect(s.gateway.sessions.size).toBe(2);
    expect(s.gateway.stats.subscriptions).toBe(2);
    await s.app.close();
    app = undefined;
    expect(await ws.closed).toBe(CloseCode.ServerRestart);
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: close\ndata: {"op":"close","code":4000');
    expect(s.gateway.sessions.size).toBe(0);
    expect(s.gateway.limiter.count).toBe(0);
    expect(s.gateway.stats.subscriptions).toBe(0);
  });

  it('refuses an upgrade on another path with 404, and a bad SSE channel with a problem', async () => {
    const s = await start();
    app = s.app;
    const other = new TestClient(`ws://${s.base}/elsewhere`);
    await expect(other.opened).rejects.toThrow('HTTP 404');
    const res = await fetch(`http://${s.base}/api/v1/stream?channels=ev,nope:x`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'UNKNOWN_CHANNEL' });
  });
});
