/**
 * The candle ring of one (symbol, timeframe) as a sorted set scored by candle time, updated by one
 * Lua script with exactly the port's rules: newer than the newest appends (trimming the oldest past
 * the ring size), the same time as any present candle replaces it, an older absent time is ignored.
 * @module
 */
import type { Redis } from 'ioredis';
import { defineScript, type ScriptCall } from '../../redis/define-script.js';

/** KEYS: ring. ARGV: time, candle JSON, ring size. Returns 1 appended, 2 replaced, 0 ignored. */
const PUT_CANDLE = `
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if newest[2] == nil or tonumber(ARGV[1]) > tonumber(newest[2]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
  local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
  if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
  return 1
end
if redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1]) > 0 then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
  return 2
end
return 0
`;

export const putCandleScript = (client: Redis): ScriptCall<number> =>
  defineScript(client, 'tickdeckPutCandle', 1, PUT_CANDLE);
