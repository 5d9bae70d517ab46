/**
 * Sliding-window counter (two fixed windows, the previous one weighted by how much of it still
 * overlaps the sliding minute): O(1) memory per subject, no burst of 2x at window edges, and one
 * atomic script so replicas sharing Redis never over-admit. Refused hits are not counted, so a
 * client that backs off for `Retry-After` gets in again.
 *
 * KEYS[1] current window counter, KEYS[2] previous window counter.
 * ARGV: limit, window length (ms), time elapsed in the current window (ms).
 * Returns {1, remaining} when admitted, {0, retry_after_ms} when refused.
 */
export const SLIDING_WINDOW_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local elapsed = tonumber(ARGV[3])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local used = previous * (window - elapsed) / window + current
if used + 1 <= limit then
  redis.call('INCR', KEYS[1])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return {1, math.floor(limit - used - 1)}
end
local wait
if current + 1 > limit then
  -- Only the next window helps: wait until this one's weight has decayed enough.
  wait = (window - elapsed) + window * (1 - (limit - 1) / current)
else
  -- The previous window's weight must decay until one more hit fits.
  wait = window * (1 - (limit - 1 - current) / previous) - elapsed
end
return {0, math.max(1, math.ceil(wait))}
`;
