/**
 * The broker's Lua scripts. Each runs atomically on the server, so seqs are assigned per channel
 * without races between processes, and pub/sub messages leave in seq order.
 * @module
 */
import type { Redis } from 'ioredis';
import { defineScript, type ScriptCall } from '../../redis/define-script.js';

/**
 * KEYS: meta, stream. ARGV: epoch to create if none, time, tagged data, maxCount, stream TTL ms,
 * meta TTL ms, pub/sub channel. Returns {epoch, seq}.
 * A new epoch starts with an empty stream: ids restart at 1, and no entry of the old epoch survives.
 */
export const PUBLISH_SCRIPT = `
local epoch = redis.call('HGET', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'e', epoch)
end
local seq = redis.call('HINCRBY', KEYS[1], 's', 1)
local payload = epoch .. ':' .. string.format('%d', seq) .. ':' .. ARGV[2] .. ':' .. ARGV[3]
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], string.format('%d-0', seq), 'p', payload)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PUBLISH', ARGV[7], payload)
return {epoch, seq}
`;

/**
 * KEYS: meta, stream. ARGV: epoch to create if none, meta TTL ms, since epoch ('' for none), since
 * seq, maxCount. Returns {epoch, seq}, plus the stream entries after `since` when they can recover it
 * (same epoch, behind the channel, within maxCount).
 */
const READ = `
local m = redis.call('HMGET', KEYS[1], 'e', 's')
local epoch = m[1]
local seq = tonumber(m[2]) or 0
if not epoch then
  epoch = ARGV[1]
  seq = 0
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'e', epoch)
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if epoch ~= ARGV[3] then return {epoch, seq} end
local since = tonumber(ARGV[4])
if since >= seq or seq - since > tonumber(ARGV[5]) then return {epoch, seq} end
return {epoch, seq, redis.call('XRANGE', KEYS[2], string.format('%d-0', since + 1), '+')}
`;

/** [id, [field, value]] as XRANGE gives them. */
export type StreamEntry = [Buffer, Buffer[]];

export interface BrokerScripts {
  publish: ScriptCall<[string, number]>;
  read: ScriptCall<[string, number]>;
  readBuffer: ScriptCall<[Buffer, number, StreamEntry[]?]>;
}

export function brokerScripts(client: Redis): BrokerScripts {
  return {
    publish: defineScript(client, 'tickdeckBrokerPublish', 2, PUBLISH_SCRIPT),
    read: defineScript(client, 'tickdeckBrokerRead', 2, READ),
    readBuffer: defineScript(client, 'tickdeckBrokerRead', 2, READ, true),
  };
}
