#!lua name=parley

-- Parley's Redis functions. Every function touches the keys of one room ({r:<room>}) or of one
-- user ({u:<user>}), plus the global count of undelivered direct messages, and runs atomically:
-- a room event's position, its place in the history and its publication are one step.
-- Events are JSON; times are Redis's TIME, in seconds and microseconds (kept apart: Lua's numbers
-- would round a 16-digit microsecond count when encoded).

local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]), tonumber(t[2])
end

local function stream_seq(id)
  return tonumber(string.match(id, '^(%d+)'))
end

-- A room event keeps the room's meta and history for the history TTL (ms) from now; presence never
-- expires while members are there. A node of an older version passes no TTL.
local function touch_room(meta, history, ttl)
  if ttl and ttl ~= '' then
    redis.call('PEXPIRE', meta, ttl)
    redis.call('PEXPIRE', history, ttl)
  end
end

-- keys: meta, presence; the event takes the next position of the room
local function presence_event(meta, channel, name, joined, count)
  local seq = redis.call('HINCRBY', meta, 'seq', 1)
  local sec, usec = now()
  redis.call('PUBLISH', channel, cjson.encode({k = 'p', seq = seq, sec = sec, usec = usec,
    name = name, joined = joined, count = count}))
end

-- A message's text is left out when it has none (has text 0), and its data, when it has some, is
-- its JSON text as given: a string, never decoded here, so cjson cannot round its numbers.
local function message_content(event, text, has_text, data)
  if has_text ~= '0' then
    event.text = text
  end
  if data and data ~= '' then
    event.data = data
  end
end

-- keys: meta, history; args: channel, history size, from, text, connection, has ref (1/0), ref,
-- has text (1/0), data (JSON or empty), history TTL (ms)
local function room_publish(keys, args)
  local meta, history, max = keys[1], keys[2], tonumber(args[2])
  local seq = redis.call('HINCRBY', meta, 'seq', 1)
  local sec, usec = now()
  local event = {k = 'm', seq = seq, sec = sec, usec = usec, from = args[3], conn = args[5]}
  message_content(event, args[4], args[8], args[9])
  if args[6] == '1' then
    event.ref = args[7]
  end
  local json = cjson.encode(event)
  local over = redis.call('XLEN', history) - max + 1
  if over > 0 then
    -- the newest message trimming drops: a since at or after it still recovers
    local gone = redis.call('XRANGE', history, '-', '+', 'COUNT', over)
    redis.call('HSET', meta, 'dropped', stream_seq(gone[#gone][1]))
  end
  -- exact MAXLEN: approximate trimming lets a small history grow far past its size
  redis.call('XADD', history, 'MAXLEN', max, seq .. '-0', 'e', json)
  touch_room(meta, history, args[10])
  redis.call('PUBLISH', args[1], json)
  return json
end

-- keys: meta, presence, active rooms, history; args: channel, guest (1/0), name, room, history TTL (ms)
local function room_enter(keys, args)
  local meta, presence, name = keys[1], keys[2], args[3]
  if args[2] == '1' then
    repeat
      name = 'guest-' .. redis.call('HINCRBY', meta, 'guests', 1)
    until redis.call('HEXISTS', presence, name) == 0
  end
  local first = redis.call('HINCRBY', presence, name, 1) == 1
  local members = redis.call('HLEN', presence)
  -- a node of an older version passes no set of active rooms
  if keys[3] then
    redis.call('ZADD', keys[3], 0, args[4])
  end
  if first then
    presence_event(meta, args[1], name, true, members)
  end
  if keys[4] then
    touch_room(meta, keys[4], args[5])
  end
  return {name, first and 1 or 0, members}
end

-- keys: meta, presence, history, active rooms; args: channel, name, room, history TTL (ms)
local function room_leave(keys, args)
  local meta, presence, history, name = keys[1], keys[2], keys[3], args[2]
  local before = redis.call('HLEN', presence)
  local count = tonumber(redis.call('HGET', presence, name))
  local last = 0
  if count == 1 then
    presence_event(meta, args[1], name, false, before)
    redis.call('HDEL', presence, name)
    last = 1
  elseif count then
    redis.call('HINCRBY', presence, name, -1)
  end
  if keys[4] and redis.call('EXISTS', presence) == 0 then
    redis.call('ZREM', keys[4], args[3])
  end
  -- a room nobody is in and nobody wrote to leaves nothing behind
  if redis.call('EXISTS', presence) == 0 and redis.call('EXISTS', history) == 0 then
    redis.call('DEL', meta)
  else
    touch_room(meta, history, args[4])
  end
  return {last, before}
end

-- keys: meta, presence, history; args: roster limit.
-- Returns position, newest trimmed position, member count, the first names, every kept message.
local function room_snapshot(keys, args)
  local meta, presence, history, limit = keys[1], keys[2], keys[3], tonumber(args[1])
  local names = redis.call('HKEYS', presence)
  local roster = {}
  for i = 1, math.min(limit, #names) do
    roster[i] = names[i]
  end
  local entries = redis.call('XRANGE', history, '-', '+')
  local messages = {}
  for i, entry in ipairs(entries) do
    messages[i] = entry[2][2]
  end
  local state = redis.call('HMGET', meta, 'seq', 'dropped')
  return {tonumber(state[1] or 0), tonumber(state[2] or 0), #names, roster, messages}
end

-- keys: active rooms; args: the name to list after ('' for the first), how many.
-- Rooms with members, by name (their bytes).
local function rooms_active(keys, args)
  local from = args[1] == '' and '-' or '(' .. args[1]
  return redis.call('ZRANGE', keys[1], from, '+', 'BYLEX', 'LIMIT', 0, tonumber(args[2]))
end

-- keys: presence of each room; returns each one's member count
local function rooms_count(keys, args)
  local counts = {}
  for i, presence in ipairs(keys) do
    counts[i] = redis.call('HLEN', presence)
  end
  return counts
end

-- User keys: meta (seq, dropped, online), retained (seq by seq), bodies (seq -> JSON),
-- pending (seq by seq: not yet written to a connection), then the global undelivered count.

-- A user with nothing retained and no connection online keeps no key; one with messages and none
-- online keeps them for the key TTL (ms: the retention and a margin for the sweep) from now, and one
-- online keeps them until it goes offline. A node of an older version passes no TTL.
local function settle_user(keys, ttl)
  local meta = keys[1]
  if tonumber(redis.call('HGET', meta, 'online') or 0) > 0 then
    for i = 1, 4 do
      redis.call('PERSIST', keys[i])
    end
  elseif redis.call('ZCARD', keys[2]) == 0 then
    redis.call('DEL', keys[1], keys[2], keys[3], keys[4])
  elseif ttl and ttl ~= '' then
    for i = 1, 4 do
      redis.call('PEXPIRE', keys[i], ttl)
    end
  end
end

local function drop(keys, seq)
  local meta, retained, bodies = keys[1], keys[2], keys[3]
  redis.call('ZREM', retained, seq)
  redis.call('HDEL', bodies, seq)
  if tonumber(redis.call('HGET', meta, 'dropped') or 0) < tonumber(seq) then
    redis.call('HSET', meta, 'dropped', seq)
  end
end

-- Room for one more: the oldest delivered message goes; undelivered ones are never evicted.
local function evict_oldest_delivered(keys)
  local retained, pending, from = keys[2], keys[4], 0
  while true do
    local batch = redis.call('ZRANGE', retained, from, from + 63)
    if #batch == 0 then
      return false
    end
    for _, seq in ipairs(batch) do
      if not redis.call('ZSCORE', pending, seq) then
        drop(keys, seq)
        return true
      end
    end
    from = from + 64
  end
end

-- Drops messages older than the retention (microseconds); returns the ids of undelivered ones.
local function expire(keys, retention)
  local retained, bodies, pending, undelivered = keys[2], keys[3], keys[4], keys[5]
  local sec, usec = now()
  local cutoff = sec * 1000000 + usec - retention
  local expired = {}
  while true do
    local oldest = redis.call('ZRANGE', retained, 0, 0)
    if #oldest == 0 then
      break
    end
    local m = cjson.decode(redis.call('HGET', bodies, oldest[1]))
    if m.sec * 1000000 + m.usec >= cutoff then
      break
    end
    if redis.call('ZREM', pending, oldest[1]) == 1 then
      redis.call('DECR', undelivered)
      expired[#expired + 1] = oldest[1]
    end
    drop(keys, oldest[1])
  end
  return expired
end

-- in slices: unpack of a whole large inbox would pass Lua's limit on arguments
local function bodies_of(keys, seqs)
  local out = {}
  for from = 1, #seqs, 500 do
    local slice = {}
    for i = from, math.min(from + 499, #seqs) do
      slice[#slice + 1] = seqs[i]
    end
    for _, body in ipairs(redis.call('HMGET', keys[3], unpack(slice))) do
      out[#out + 1] = body
    end
  end
  return out
end

-- keys: user keys; args: channel, inbox size, from, to, text, has text (1/0), data (JSON or empty),
-- key TTL (ms).
-- Returns {'full'} or {'ok', JSON, streamed (1/0)}.
local function user_send(keys, args)
  local meta, retained, bodies, pending, undelivered = keys[1], keys[2], keys[3], keys[4], keys[5]
  local inbox = tonumber(args[2])
  local online = tonumber(redis.call('HGET', meta, 'online') or 0) > 0
  if not online and redis.call('ZCARD', pending) >= inbox then
    return {'full'}
  end
  if redis.call('ZCARD', retained) >= inbox and not evict_oldest_delivered(keys) then
    return {'full'}
  end
  local seq = redis.call('HINCRBY', meta, 'seq', 1)
  local sec, usec = now()
  local event = {k = 'd', seq = seq, sec = sec, usec = usec, from = args[3], to = args[4]}
  message_content(event, args[5], args[6], args[7])
  local json = cjson.encode(event)
  redis.call('ZADD', retained, seq, seq)
  redis.call('HSET', bodies, seq, json)
  redis.call('ZADD', pending, seq, seq)
  redis.call('INCR', undelivered)
  if online then
    redis.call('PUBLISH', args[1], json)
  end
  settle_user(keys, args[8])
  return {'ok', json, online and 1 or 0}
end

-- keys: user keys; args: seq. Idempotent.
local function user_delivered(keys, args)
  if redis.call('ZREM', keys[4], args[1]) == 1 then
    redis.call('DECR', keys[5])
  end
  return 0
end

-- keys: user keys; args: +1 or -1, key TTL (ms)
local function user_online(keys, args)
  local meta = keys[1]
  local online = tonumber(redis.call('HGET', meta, 'online') or 0) + tonumber(args[1])
  if online > 0 then
    redis.call('HSET', meta, 'online', online)
  else
    redis.call('HSET', meta, 'online', 0)
  end
  -- a user connected and gone with nothing retained leaves nothing behind
  settle_user(keys, args[2])
  return 0
end

-- keys: user keys; args: retention (microseconds), since position (-1: none or unknown).
-- Returns expired ids, position, newest dropped position, recovered (1/0), messages.
local function user_catch_up(keys, args)
  local expired = expire(keys, tonumber(args[1]))
  local since = tonumber(args[2])
  local state = redis.call('HMGET', keys[1], 'seq', 'dropped')
  local seq, dropped = tonumber(state[1] or 0), tonumber(state[2] or 0)
  if since < 0 or since > seq or since < dropped then
    return {expired, seq, dropped, 0, bodies_of(keys, redis.call('ZRANGE', keys[4], 0, -1))}
  end
  return {expired, seq, dropped, 1, bodies_of(keys, redis.call('ZRANGE', keys[2], '(' .. since, '+inf', 'BYSCORE'))}
end

-- The sweep of one user. keys: user keys; args: retention (microseconds). Drops messages past the
-- retention; a user left with nothing retained and offline loses its keys.
-- Returns the expired ids and how many messages are retained.
local function user_sweep(keys, args)
  local expired = expire(keys, tonumber(args[1]))
  local retained = redis.call('ZCARD', keys[2])
  if retained == 0 then
    settle_user(keys, nil)
  end
  return {expired, retained}
end

redis.register_function('parley_room_publish', room_publish)
redis.register_function('parley_room_enter', room_enter)
redis.register_function('parley_room_leave', room_leave)
redis.register_function('parley_room_snapshot', room_snapshot)
redis.register_function('parley_rooms_active', rooms_active)
redis.register_function('parley_rooms_count', rooms_count)
redis.register_function('parley_user_send', user_send)
redis.register_function('parley_user_delivered', user_delivered)
redis.register_function('parley_user_online', user_online)
redis.register_function('parley_user_catch_up', user_catch_up)
redis.register_function('parley_user_sweep', user_sweep)
