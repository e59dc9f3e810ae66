/** Connection caps per address and in total, shared by the WebSocket and SSE endpoints. */
import { CloseCode } from '@tickdeck/protocol';

export class ConnectionLimiter {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: { maxConnections: number; maxConnectionsPerAddress: number }) {}

  /** Count a new connection, or return the close code refusing it (Overloaded, TooManyConnections). */
  acquire(address: string): number | undefined {
    if (this.total >= this.limits.maxConnections) return CloseCode.Overloaded;
    const n = this.perAddress.get(address) ?? 0;
    if (n >= this.limits.maxConnectionsPerAddress) return CloseCode.TooManyConnections;
    this.perAddress.set(address, n + 1);
    this.total++;
    return undefined;
  }

  release(address: string): void {
    const n = this.perAddress.get(address) ?? 0;
    if (n <= 1) this.perAddress.delete(address);
    else this.perAddress.set(address, n - 1);
    this.total = Math.max(0, this.total - 1);
  }

  get count(): number {
    return this.total;
  }
}
