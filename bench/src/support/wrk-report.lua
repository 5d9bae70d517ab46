-- wrk-report.lua: the `-s` script of bench/src/support/wrk.ts (wrk 4.1, one thread).
--
-- done() prints ONE JSON line on stdout with the counts and the latency histogram, so that runs
-- can be pooled exactly. Set WRK_RATE (requests/s, all connections together) for a fixed rate;
-- without it there is no delay() at all and wrk runs a closed loop (as fast as answers come).

local rate = tonumber(os.getenv("WRK_RATE"))

if rate then
  local ffi = require("ffi")
  ffi.cdef([[
    typedef struct { long tv_sec; long tv_nsec; } wrk_report_timespec;
    int clock_gettime(int clock_id, wrk_report_timespec *tp);
  ]])
  local CLOCK_MONOTONIC = 1
  local now = ffi.new("wrk_report_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end

  -- One schedule of slots 1/rate apart for the whole thread. wrk calls delay() (no connection
  -- given) before each request of each connection: first as every connection opens, then after
  -- each answer. Each call takes the next slot, so the first requests are staggered evenly over
  -- one gap (connections/rate seconds) instead of all firing together, and afterwards every
  -- connection sends once per gap. The schedule is absolute, so wrk's whole-millisecond timers
  -- and the answers' latencies do not make the rate drift.
  local interval_ms = 1000 / rate
  local started_ms = nil
  local slot = 0

  function delay()
    local t = now_ms()
    started_ms = started_ms or t
    local due = started_ms + slot * interval_ms
    slot = slot + 1
    return math.max(0, math.floor(due - t + 0.5))
  end
end

-- latency(i) is the i-th non-zero bucket (value in microseconds, count), found by a scan from
-- latency.min; latency[i] is not a bucket in 4.1. These are the buckets after wrk's own
-- coordinated-omission correction; wrk.ts undoes it.
function done(summary, latency, requests)
  local buckets = {}
  for i = 1, #latency do
    local value, count = latency(i)
    buckets[#buckets + 1] = string.format("[%d,%d]", value, count)
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,'
      .. '"status":%d,"timeout":%d},"latency_us":[%s]}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(buckets, ",")))
end
