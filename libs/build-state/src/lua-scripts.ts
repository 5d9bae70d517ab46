/**
 * The atomic steps of the build store. Each runs as one Lua script, so concurrent creates cannot
 * push an owner past its limit and concurrent writers cannot overwrite each other's changes.
 * KEYS are passed through ioredis, which applies the deployment's key prefix to them.
 */

/**
 * KEYS: record, active set, owner set. ARGV: json, id, max unfinished builds per owner.
 * Returns {'created' | 'limited' | 'exists', unfinished builds of the owner}.
 */
export const CREATE_SCRIPT = `
local active = redis.call('SCARD', KEYS[3])
if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists', active} end
local max = tonumber(ARGV[3])
if active >= max then return {'limited', active} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return {'created', active + 1}
`;

/**
 * Compare-and-set of a record against the exact JSON the caller read (records carry no version,
 * and a status check alone would lose a concurrent cancel request or heartbeat).
 * KEYS: record, active set, owner set. ARGV: expected json, next json, id, mode, expiry seconds.
 * Mode 'finish' (unfinished -> finished) frees the build's slots and starts the record's expiry;
 * mode 'keep' leaves sets and expiry as they are. Returns 'ok', 'missing' or 'conflict'.
 */
export const REPLACE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 'missing' end
if current ~= ARGV[1] then return 'conflict' end
if ARGV[4] == 'finish' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[5]))
  redis.call('SREM', KEYS[2], ARGV[3])
  redis.call('SREM', KEYS[3], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
end
return 'ok'
`;
