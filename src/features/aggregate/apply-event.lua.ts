/**
 * Applies one labelled request to its account in one atomic step. The per-request marker makes it
 * idempotent: a retried job, a second worker or a repeated gateway call finds the marker and
 * changes nothing. Every structure is order-independent (counters, HyperLogLogs, a sorted set
 * trimmed by score), so any interleaving of workers yields the same state.
 *
 * KEYS: marker, bucket, recent, ips, cards, meta, dirty, hours
 * ARGV: dedupTtlMs, bucketTtlMs (<= 0: outside the windows), dayTtlMs, label, area, auto, len,
 *       ts, recentMember, recentCap, recentMinTs, ipHash, cardHash, accountId, metaTtlMs, debounceMs, hour,
 *       createdAt, signupPath, accessPath, model (each '' when the gateway did not send it)
 * The gateway fields go into the meta hash, order-independently: the earliest creation time
 * (`ca`), the smallest sign-up and access path (`sp`, `ap`; an account keeps one of each), and the
 * first time each model was used (`m:<model>`, at most MAX_MODELS models, counted in `mc`).
 * Returns 1 when the caller should schedule a recompute, 0 when one is already scheduled, -1 for a duplicate.
 */
/** Models whose first use an account's meta keeps (later ones are not recorded). */
export const MAX_MODELS = 16;

export const APPLY_EVENT_LUA = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return -1 end
local label = ARGV[4]
local ts = tonumber(ARGV[8])
if tonumber(ARGV[2]) > 0 then
  redis.call('HINCRBY', KEYS[2], 'n', 1)
  if label ~= 'benign' then redis.call('HINCRBY', KEYS[2], 'l:' .. label, 1) end
  redis.call('HINCRBY', KEYS[2], 'c:' .. ARGV[5], 1)
  if ARGV[6] == '1' then redis.call('HINCRBY', KEYS[2], 'ua', 1) end
  redis.call('HINCRBY', KEYS[2], 'len', ARGV[7])
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  redis.call('ZADD', KEYS[3], ts, ARGV[9])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[11])
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[10]) + 1))
  redis.call('PEXPIRE', KEYS[3], ARGV[2])
  local hour = tonumber(ARGV[17])
  redis.call('ZADD', KEYS[8], hour, ARGV[17])
  redis.call('ZREMRANGEBYSCORE', KEYS[8], '-inf', '(' .. (hour - 170))
  redis.call('PEXPIRE', KEYS[8], ARGV[15])
end
if tonumber(ARGV[3]) > 0 then
  redis.call('PFADD', KEYS[4], ARGV[12])
  redis.call('PEXPIRE', KEYS[4], ARGV[3])
  redis.call('PFADD', KEYS[5], ARGV[13])
  redis.call('PEXPIRE', KEYS[5], ARGV[3])
end
redis.call('HSETNX', KEYS[6], 'id', ARGV[14])
redis.call('HINCRBY', KEYS[6], 'n', 1)
redis.call('HINCRBY', KEYS[6], 'l:' .. label, 1)
local first = tonumber(redis.call('HGET', KEYS[6], 'first') or '')
if first == nil or ts < first then redis.call('HSET', KEYS[6], 'first', ARGV[8]) end
local last = tonumber(redis.call('HGET', KEYS[6], 'last') or '')
if last == nil or ts > last then redis.call('HSET', KEYS[6], 'last', ARGV[8]) end
local function keepMin(field, value, numeric)
  if value == '' then return end
  local old = redis.call('HGET', KEYS[6], field)
  if old then
    if numeric then
      if tonumber(value) >= tonumber(old) then return end
    elseif value >= old then return end
  end
  redis.call('HSET', KEYS[6], field, value)
end
keepMin('ca', ARGV[18], true)
keepMin('sp', ARGV[19], false)
keepMin('ap', ARGV[20], false)
if ARGV[21] ~= '' then
  local field = 'm:' .. ARGV[21]
  local old = redis.call('HGET', KEYS[6], field)
  if old then
    if ts < tonumber(old) then redis.call('HSET', KEYS[6], field, ARGV[8]) end
  elseif tonumber(redis.call('HGET', KEYS[6], 'mc') or '0') < ${MAX_MODELS} then
    redis.call('HSET', KEYS[6], field, ARGV[8])
    redis.call('HINCRBY', KEYS[6], 'mc', 1)
  end
end
redis.call('PEXPIRE', KEYS[6], ARGV[15])
if redis.call('SET', KEYS[7], '1', 'NX', 'PX', ARGV[16]) then return 1 end
return 0
`;
