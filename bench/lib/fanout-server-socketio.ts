/**
 * Socket.IO 4 under test, the idiomatic way: one room per topic, `io.to(topic).emit('p', update)`
 * (the packet is encoded once per broadcast). WebSocket transport only, no compression.
 * Clients emit `sub` with their topics and wait for the acknowledgement.
 * @module
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { trackSockets, type BenchServer } from './fanout-bench-server.js';
import type { TickPayload } from './fanout-payload.js';

export async function startSocketIo(): Promise<BenchServer> {
  const http = createServer();
  const sockets = trackSockets(http);
  const io = new Server(http, {
    transports: ['websocket'],
    perMessageDeflate: false,
    serveClient: false,
  });
  io.on('connection', (socket) => {
    socket.on('sub', (topics: string[], ack: () => void) => {
      void socket.join(topics);
      ack();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    sockets,
    publish(topic: string, d: TickPayload) {
      io.to(topic).emit('p', d);
    },
    async close() {
      io.disconnectSockets(true);
      await io.close();
    },
  };
}
