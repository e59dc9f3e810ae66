/** What each server under test offers the benchmark's server child. */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { TickPayload } from './fanout-payload.js';

export interface BenchServer {
  readonly port: number;
  /** Publish one update on a topic, the server's own way. */
  publish(topic: string, d: TickPayload): void;
  /** Sockets accepted and still open (their bytesWritten is the traffic on the wire). */
  readonly sockets: Set<Socket>;
  close(): Promise<void>;
}

/** Track the sockets an HTTP server accepts. */
export function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return sockets;
}
