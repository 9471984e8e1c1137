"""The Lua scripts of the Redis index. Each runs atomically on the Redis server: a reader sees
a board before or after a change, never halfway."""

# KEYS: registry, rebuild lock. ARGV: marker ttl, key head ("<p>:z:"), marker head
# ("<p>:indexed:"), then per entry: entry id, member, points, number of scopes (1: everyone
# only, for a hidden member; 2: and public), week bucket, its expiry, month bucket, its expiry,
# number of boards, the board names. Adds each entry's points once (its marker), atomically,
# to every (board, bucket, scope) key; returns how many entries were new.
#
# The script names the sorted-set keys itself rather than receiving them, and takes a whole
# batch of entries in one call: an award moves about twenty keys, and sending their names
# (with delta keys and expiries) command by command cost the web process more than the
# award's database statement. That needs a standalone Redis (or one shard): these keys were
# never in one cluster slot anyway. A key is registered and given its expiry when the
# member's score in it equals the points just added, which is always so when the key is new;
# delta keys are only looked at while a rebuild holds its lock.
INDEX_SCRIPT = """
local ttl, head, marker_head = ARGV[1], ARGV[2], ARGV[3]
local scopes = {'everyone', 'public'}
local rebuilding = redis.call('EXISTS', KEYS[2]) == 1
local i, added = 4, 0
while i <= #ARGV do
  local member, points, nscopes = ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local buckets = {{'all', 0}, {ARGV[i + 4], tonumber(ARGV[i + 5])}, {ARGV[i + 6], tonumber(ARGV[i + 7])}}
  local last = i + 8 + tonumber(ARGV[i + 8])
  if redis.call('SET', marker_head .. ARGV[i], '1', 'NX', 'EX', ttl) then
    added = added + 1
    for j = i + 9, last do
      for _, b in ipairs(buckets) do
        for s = 1, nscopes do
          local key = head .. ARGV[j] .. ':' .. b[1] .. ':' .. scopes[s]
          if tonumber(redis.call('ZINCRBY', key, points, member)) == points then
            redis.call('SADD', KEYS[1], key)
            if b[2] > 0 then redis.call('EXPIREAT', key, b[2]) end
          end
          if rebuilding and redis.call('EXISTS', key .. ':delta') == 1 then
            redis.call('ZINCRBY', key .. ':delta', points, member)
          end
        end
      end
    end
  end
  i = last + 1
end
return added
"""

# KEYS[1] board; ARGV: member, distance. Returns {first position, count above it, rows}.
AROUND_SCRIPT = """
local me = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not me then return false end
local d = tonumber(ARGV[2])
local first = me - d
if first < 0 then first = 0 end
local rows = redis.call('ZREVRANGE', KEYS[1], first, me + d, 'WITHSCORES')
local above = redis.call('ZCOUNT', KEYS[1], '(' .. rows[2], '+inf')
return {first, above, rows}
"""

# KEYS: build_1, delta_1, key_1, ... ; ARGV: sentinel, expireat_1, ... Swaps every rebuilt
# board in at once: changes made while building (the deltas) are added, the old set is
# unlinked (freed in the background) and the new one renamed into place.
FINALIZE_SCRIPT = """
local sentinel = ARGV[1]
for i = 1, #KEYS, 3 do
  local build, delta, key = KEYS[i], KEYS[i + 1], KEYS[i + 2]
  local changes = redis.call('ZRANGE', delta, 0, -1, 'WITHSCORES')
  for j = 1, #changes, 2 do
    if changes[j] ~= sentinel then redis.call('ZINCRBY', build, changes[j + 1], changes[j]) end
  end
  redis.call('DEL', delta)
  redis.call('UNLINK', key)
  if redis.call('EXISTS', build) == 1 then
    redis.call('RENAME', build, key)
    local expire_at = tonumber(ARGV[(i + 2) / 3 + 1])
    if expire_at > 0 then redis.call('EXPIREAT', key, expire_at) else redis.call('PERSIST', key) end
  end
end
return 1
"""

UNLOCK_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
