/**
 * A loopback TCP load balancer for tests: each new connection goes to the next backend in turn,
 * skipping backends that refuse it — what any load balancer in front of gateways does, without
 * sticky sessions.
 */
import net from 'node:net';

export class TcpBalancer {
  private server: net.Server | undefined;
  private next = 0;
  private readonly sockets = new Set<net.Socket>();
  /** Connections made to each backend port so far. */
  readonly counts = new Map<number, number>();
  port = 0;

  constructor(private readonly backends: readonly number[]) {}

  async start(): Promise<this> {
    const server = net.createServer((client) => {
      client.pause();
      this.track(client);
      this.connect(client, 0);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private connect(client: net.Socket, tried: number): void {
    if (tried >= this.backends.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = this.backends[this.next++ % this.backends.length]!;
    const upstream = net.connect({ host: '127.0.0.1', port });
    let connected = false;
    upstream.once('error', () => {
      if (!connected) this.connect(client, tried + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      this.counts.set(port, (this.counts.get(port) ?? 0) + 1);
      this.track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  }

  private track(s: net.Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }
}
