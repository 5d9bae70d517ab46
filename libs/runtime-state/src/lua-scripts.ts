/**
 * The atomic steps of the runtime store. Each runs as one Lua script, so two replicas can never
 * both create a runtime for one session, push an owner past its limit or overwrite each other.
 * KEYS are passed through ioredis, which applies the deployment's key prefix to them. Every
 * write ends by publishing the runtime's id on the changes channel (the last ARGV), from inside the
 * script so no write can go unannounced: the runtime proxies (gateway, runtime-api) cache targets
 * and drop one on it (`LiveTargets`).
 */

/**
 * KEYS: record, session, live set, owner set. ARGV: json, id, max per owner (0: none), '1' when
 * the runtime belongs to a session and owner ('0' for a warm-pool runtime nobody owns yet), the id
 * of a failed runtime the session may be taken from ('' for none), the changes channel.
 */
export const CREATE_SCRIPT = `
local owned = ARGV[4] == '1'
if owned then
  local existing = redis.call('GET', KEYS[2])
  if existing and existing ~= ARGV[5] then return {'exists', existing} end
  local max = tonumber(ARGV[3])
  if max > 0 and redis.call('SCARD', KEYS[4]) >= max then return {'limited', ''} end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[2])
if owned then
  redis.call('SET', KEYS[2], ARGV[2])
  redis.call('PERSIST', KEYS[2])
  redis.call('SADD', KEYS[4], ARGV[2])
end
redis.call('PUBLISH', ARGV[6], ARGV[2])
return {'created', ARGV[2]}
`;

/**
 * Compare-and-set of a record. KEYS: record, session, live set, owner set.
 * ARGV: expected version, json, id, release ('1': the runtime holds nothing any more, so its owner
 * slot is freed and the record expires), retention seconds, '1' to keep the session pointing at it
 * (a failed runtime stays visible by session until the session starts a new one), the changes
 * channel.
 */
export const UPDATE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 'missing' end
if cjson.decode(current).version ~= tonumber(ARGV[1]) then return 'conflict' end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[4] == '1' then
  if redis.call('GET', KEYS[2]) == ARGV[3] then
    if ARGV[6] == '1' then redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
    else redis.call('DEL', KEYS[2]) end
  end
  redis.call('SREM', KEYS[3], ARGV[3])
  redis.call('SREM', KEYS[4], ARGV[3])
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
end
redis.call('PUBLISH', ARGV[7], ARGV[3])
return 'ok'
`;

/**
 * Hands a warm runtime (already popped from its pool list) to a session.
 * KEYS: record, session, owner set. ARGV: expected version, json, id, max per owner, the id of a
 * failed runtime the session may be taken from ('' for none), the changes channel.
 */
export const CLAIM_SCRIPT = `
local existing = redis.call('GET', KEYS[2])
if existing and existing ~= ARGV[5] then return {'exists', existing} end
local max = tonumber(ARGV[4])
if max > 0 and redis.call('SCARD', KEYS[3]) >= max then return {'limited', ''} end
local current = redis.call('GET', KEYS[1])
if not current or cjson.decode(current).version ~= tonumber(ARGV[1]) then return {'conflict', ''} end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
redis.call('PERSIST', KEYS[2])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('PUBLISH', ARGV[6], ARGV[3])
return {'claimed', ARGV[3]}
`;

/** Releases a lock only if this holder still owns it. KEYS: lock. ARGV: token. */
export const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Fixed-window counter. KEYS: counter. ARGV: window seconds. Returns {count, ttl}. */
export const RATE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
return {count, redis.call('TTL', KEYS[1])}
`;
