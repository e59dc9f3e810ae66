/**
 * Bot control: a trader issues a command, the bot gets it on its live link (the bot WebSocket, or the
 * built-in paper bot) or by polling, and reports the result. Every step is written to the audit trail.
 * Bot status (connected, last heartbeat, paused or stopped by a command) is tracked here.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@tickdeck/core';
import type { BotCommand, BotCommandKind } from '@tickdeck/protocol';
import type { CommandRecord, CommandStore } from '../store/command-store.js';

/** A live connection to a bot that can take a command now. */
export interface BotLink {
  deliver(command: BotCommand): void;
}

export type BotRunState = 'running' | 'paused' | 'stopped';

export interface BotStatus {
  botId: string;
  connected: boolean;
  /** Last time the bot was heard from (event, heartbeat, poll, result), ms; null if never. */
  lastSeen: number | null;
  lastHeartbeat: number | null;
  /** From the last pause, resume or stop the bot reported done. */
  state: BotRunState;
}

export interface IssueRequest {
  kind: BotCommandKind;
  name?: string | undefined;
  params?: Record<string, unknown> | undefined;
}

export interface CommandServiceOptions {
  store: CommandStore;
  clock: Clock;
  ttlMs: number;
  /** A bot's status changed (the `bots` channel). */
  onStatus?(s: BotStatus): void;
  onError(err: unknown, what: string): void;
}

export class CommandService {
  private readonly links = new Map<string, Set<BotLink>>();
  private readonly status = new Map<string, BotStatus>();

  constructor(private readonly o: CommandServiceOptions) {}

  /** Records and delivers a command; resolves with its audit record. */
  async issue(botId: string, req: IssueRequest, issuedBy: string): Promise<CommandRecord> {
    const command: BotCommand = {
      commandId: randomUUID(),
      botId,
      kind: req.kind,
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(req.params !== undefined ? { params: req.params } : {}),
      issuedBy,
      issuedAt: this.o.clock.now(),
    };
    let record = await this.o.store.insert(command);
    const links = this.links.get(botId);
    if (links && links.size > 0) {
      await this.o.store.markDelivered([command.commandId], this.o.clock.now());
      for (const link of links) link.deliver(command);
      record = (await this.o.store.get(command.commandId)) ?? record;
    }
    return record;
  }

  /** Commands waiting for the bot (polling); marks them delivered. */
  async pending(botId: string): Promise<CommandRecord[]> {
    const now = this.o.clock.now();
    this.seen(botId, false);
    const list = await this.o.store.pending(botId, now - this.o.ttlMs);
    await this.o.store.markDelivered(
      list.filter((c) => c.status === 'pending').map((c) => c.commandId),
      now,
    );
    return list;
  }

  /** The bot's result. Undefined if the command is unknown, another bot's, or already answered. */
  async complete(
    botId: string,
    commandId: string,
    ok: boolean,
    message?: string,
  ): Promise<CommandRecord | undefined> {
    const rec = await this.o.store.complete(botId, commandId, ok, message ?? null, this.o.clock.now());
    this.seen(botId, false);
    if (rec && ok) {
      const next: Partial<Record<BotCommandKind, BotRunState>> = {
        pause: 'paused',
        resume: 'running',
        stop: 'stopped',
      };
      const state = next[rec.kind];
      if (state !== undefined) this.update(botId, { state });
    }
    return rec;
  }

  audit(q: { botId?: string | undefined; limit: number }): Promise<CommandRecord[]> {
    return this.o.store.list(q);
  }

  /** Attaches a live link; pending commands are delivered on it at once. Returns the detach function. */
  async attach(botId: string, link: BotLink): Promise<() => void> {
    let set = this.links.get(botId);
    if (!set) this.links.set(botId, (set = new Set()));
    set.add(link);
    this.update(botId, { connected: true, lastSeen: this.o.clock.now() });
    const waiting = await this.pending(botId);
    for (const c of waiting) link.deliver(c);
    return () => {
      set.delete(link);
      if (set.size === 0) this.update(botId, { connected: false });
    };
  }

  /** The bot was heard from; `heartbeat` also sets lastHeartbeat. */
  seen(botId: string, heartbeat: boolean): void {
    const now = this.o.clock.now();
    this.update(botId, heartbeat ? { lastSeen: now, lastHeartbeat: now } : { lastSeen: now });
  }

  /** Statuses of every bot heard of since start, plus `known` ones (from the store). */
  statuses(known: readonly { botId: string; lastSeen: number }[] = []): BotStatus[] {
    for (const k of known) {
      if (!this.status.has(k.botId)) {
        this.status.set(k.botId, { ...this.blank(k.botId), lastSeen: k.lastSeen });
      }
    }
    return [...this.status.values()].sort((a, b) => (a.botId < b.botId ? -1 : 1));
  }

  private blank(botId: string): BotStatus {
    return { botId, connected: false, lastSeen: null, lastHeartbeat: null, state: 'running' };
  }

  private update(botId: string, patch: Partial<BotStatus>): void {
    const prev = this.status.get(botId);
    const s = { ...(prev ?? this.blank(botId)), ...patch };
    this.status.set(botId, s);
    // Being heard from again is published at most every 5 s; any other change at once.
    const quiet =
      prev !== undefined &&
      prev.connected === s.connected &&
      prev.state === s.state &&
      prev.lastSeen !== null &&
      (s.lastSeen ?? 0) - prev.lastSeen < 5000 &&
      (s.lastHeartbeat ?? 0) - (prev.lastHeartbeat ?? 0) < 5000;
    if (!quiet) this.o.onStatus?.(s);
  }
}
