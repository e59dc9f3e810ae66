/**
 * Channel registry: producers declare channel prefixes (kind, key, snapshot); the gateway resolves
 * every channel name a client asks for against it.
 * @module
 */
import {
  CHANNEL_PATTERN,
  ErrorCode,
  MAX_CHANNEL_LENGTH,
  type ChannelKind,
  type StreamPosition,
} from '@tickdeck/protocol';
import { AppError } from '../http/app-error.js';

/** What a snapshot provider is given. */
export interface SnapshotContext {
  channel: string;
  prefix: string;
  args: readonly string[];
  /** The channel's position read just before the provider is called: the snapshot must reflect at least this. */
  position: StreamPosition;
}

/** A family of channels `prefix[:arg[:arg]]` declared by a producer. */
export interface ChannelDeclaration {
  /** Lowercase name before the first `:`, e.g. `ticker`. */
  prefix: string;
  /** `state` (latest value, may be conflated) or `stream` (every event, in order). */
  kind: ChannelKind;
  /** Number of `:`-separated arguments the channel takes (`ticker:SYM` → 1). Default 0. */
  args?: number;
  /** Whether `args` name something that exists (e.g. a configured symbol). Default: always. */
  accepts?: (args: readonly string[]) => boolean;
  /**
   * State channels only: the key of a publication's data. A keyed state channel conflates per key
   * (all tickers: by symbol; candles: by open time), so the latest value of every key is kept.
   */
  key?: (data: unknown) => string | number;
  /**
   * The current state sent on subscribe (candles: up to the last 1000). It must reflect at least
   * every publication up to `position.seq` (producers update their state before publishing); a
   * newer state is fine. Stream channels may omit it.
   */
  snapshot?: (ctx: SnapshotContext) => Promise<unknown>;
  /** Urgent channels (alerts) skip the batching delay and go first. Default false. */
  urgent?: boolean;
  /**
   * State channels only: the gateway keeps the latest published value of every key (one value when
   * the channel has no `key`) in its retained store before publishing, and answers the snapshot from
   * it when there is no `snapshot` provider: a list of every key's value, or the one value (null if
   * none yet). The store can be shared (Redis), so any gateway process answers. Default false.
   */
  retain?: boolean;
}

/** A channel name resolved against its declaration. */
export interface ResolvedChannel {
  name: string;
  args: readonly string[];
  decl: Readonly<ChannelDeclaration>;
}

const PREFIX_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export class ChannelRegistry {
  private readonly decls = new Map<string, Readonly<ChannelDeclaration>>();

  /**
   * Declare a channel family.
   * @example
   * registry.declare({ prefix: 'ticker', kind: 'state', args: 1, snapshot: async ({ args }) => live.ticker(args[0]!) });
   * @throws Error if the prefix is malformed or already declared, or a stream channel has a key.
   */
  declare(decl: ChannelDeclaration): void {
    if (!PREFIX_PATTERN.test(decl.prefix)) throw new Error(`Invalid channel prefix "${decl.prefix}"`);
    if (this.decls.has(decl.prefix)) throw new Error(`Channel prefix "${decl.prefix}" already declared`);
    if (decl.kind === 'stream' && (decl.key || decl.retain))
      throw new Error(`Stream channel "${decl.prefix}" cannot be keyed or retained`);
    const args = decl.args ?? 0;
    if (!Number.isInteger(args) || args < 0 || args > 3) throw new Error(`args must be 0..3, got ${args}`);
    this.decls.set(decl.prefix, Object.freeze({ ...decl, args }));
  }

  /** The declaration of `prefix`, if any. */
  get(prefix: string): Readonly<ChannelDeclaration> | undefined {
    return this.decls.get(prefix);
  }

  /** Declared prefixes. */
  prefixes(): string[] {
    return [...this.decls.keys()];
  }

  /**
   * Resolve a channel name.
   * @throws AppError INVALID_CHANNEL (not a string, too long, bad grammar, wrong number of arguments)
   *   or UNKNOWN_CHANNEL (no such prefix, or `accepts` refused the arguments).
   */
  resolve(name: unknown): ResolvedChannel {
    if (typeof name !== 'string' || name.length > MAX_CHANNEL_LENGTH || !CHANNEL_PATTERN.test(name)) {
      throw new AppError(ErrorCode.InvalidChannel, 'Invalid channel name');
    }
    const [prefix = '', ...args] = name.split(':');
    const decl = this.decls.get(prefix);
    if (!decl) throw new AppError(ErrorCode.UnknownChannel, `Unknown channel prefix "${prefix}"`);
    if (args.length !== decl.args) {
      throw new AppError(ErrorCode.InvalidChannel, `Channel "${prefix}" takes ${decl.args} argument(s)`);
    }
    if (decl.accepts && !decl.accepts(args))
      throw new AppError(ErrorCode.UnknownChannel, `Unknown channel "${name}"`);
    return { name, args, decl };
  }
}
