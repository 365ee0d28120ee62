/**
 * Adds one request to its account's day counters in the cluster graph, at most once per request:
 * the per-request marker makes a retried job, a second worker or a repeated gateway call change
 * nothing, and a failure before the marker is set leaves nothing half-counted (the script is atomic).
 * Keys expire at their day's end plus retention, so the expiry, the account id, the
 * active-set entry and the readable identifier values are written only when first needed: a
 * typical request costs its counter increments and the marker.
 *
 * KEYS: marker, day hash, active-accounts set, identifier-values hash
 * ARGV: markerTtlMs, ttlMs (to the day's end plus retention, from the caller's clock), accountHash, accountId, counterCount, counters...,
 *       then (identifierField, valueHash, rawValue) triples
 * Returns 1 when counted, 0 for a request already counted.
 */
export const RECORD_GRAPH_LUA = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local n = tonumber(ARGV[5])
if redis.call('HINCRBY', KEYS[2], 'n', 1) == 1 then
  redis.call('HSET', KEYS[2], 'id', ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  if redis.call('SADD', KEYS[3], ARGV[3]) == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[2]) end
end
for i = 6, 5 + n do redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
for i = 6 + n, #ARGV - 2, 3 do
  if redis.call('HINCRBY', KEYS[2], ARGV[i], 1) == 1 then
    if redis.call('HSETNX', KEYS[4], ARGV[i + 1], ARGV[i + 2]) == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[2]) end
  end
end
return 1
`;
