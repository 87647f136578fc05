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

-- A stream's epoch: random, made when its meta is, and again when a node finds the stream lost
-- messages it had streamed; every id is <epoch>-<seq>, so an id of another stream or from before
-- the loss reads as unknown.
local function new_epoch(meta)
  local sec, usec = now()
  local epoch = string.sub(redis.sha1hex(meta .. ':' .. sec .. ':' .. usec .. ':' .. math.random()), 1, 10)
  redis.call('HSET', meta, 'epoch', epoch)
  return epoch
end

-- The stream's next position and its epoch (made when missing).
local function next_seq(meta)
  local epoch = redis.call('HGET', meta, 'epoch') or new_epoch(meta)
  return redis.call('HINCRBY', meta, 'seq', 1), epoch
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
  local seq, epoch = next_seq(meta)
  local sec, usec = now()
  redis.call('PUBLISH', channel, cjson.encode({k = 'p', ep = epoch, seq = seq, sec = sec, usec = usec,
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
  local seq, epoch = next_seq(meta)
  local sec, usec = now()
  local event = {k = 'm', ep = epoch, seq = seq, sec = sec, usec = usec, from = args[3], conn = args[5]}
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

-- Presence across nodes. Each start of a node is an incarnation; per room it holds a hash of the
-- names it has connections for (held: name -> connections there) and a lease, a score in the room's
-- leases (incarnation -> expiry, milliseconds of Redis TIME) and in the global lease index
-- (room .. '\n' .. incarnation -> expiry). The room's presence hash is the sum over the incarnations.

local function now_ms()
  local sec, usec = now()
  return sec * 1000 + math.floor(usec / 1000)
end

-- keys: held, leases, lease index; returns whether the lease was there
local function hold_lease(keys, room, incarnation, lease)
  local had = redis.call('ZSCORE', keys[2], incarnation) ~= false
  local expiry = now_ms() + tonumber(lease)
  redis.call('ZADD', keys[2], expiry, incarnation)
  redis.call('ZADD', keys[3], expiry, room .. '\n' .. incarnation)
  return had
end

local function drop_lease(keys, room, incarnation)
  redis.call('DEL', keys[1])
  redis.call('ZREM', keys[2], incarnation)
  redis.call('ZREM', keys[3], room .. '\n' .. incarnation)
end

-- a room nobody is in and nobody wrote to leaves nothing behind
local function tidy_room(meta, presence, history, active, room)
  if redis.call('EXISTS', presence) == 0 then
    if active then
      redis.call('ZREM', active, room)
    end
    if redis.call('EXISTS', history) == 0 then
      redis.call('DEL', meta)
    end
  end
end

-- One name's connections across the room change by delta; its first (last) streams a join (leave).
-- Returns 1 for a join, -1 for a leave, 0 for neither.
local function add_presence(meta, presence, channel, name, delta)
  local before = tonumber(redis.call('HGET', presence, name) or 0)
  local after = before + delta
  if after > 0 then
    redis.call('HSET', presence, name, after)
    if before == 0 then
      presence_event(meta, channel, name, true, redis.call('HLEN', presence))
      return 1
    end
  elseif before > 0 then
    presence_event(meta, channel, name, false, redis.call('HLEN', presence))
    redis.call('HDEL', presence, name)
    return -1
  end
  return 0
end

-- keys: meta, presence, active rooms, [held, leases, lease index, history]; args: channel, guest (1/0),
-- name, room, [incarnation, lease (ms), history TTL (ms)]. A node of an older version passes neither its
-- incarnation nor the set of active rooms. Returns the name, first (1/0), the member count, and whether the lease was held (1/0).
local function room_enter(keys, args)
  local meta, presence, name = keys[1], keys[2], args[3]
  if args[2] == '1' then
    repeat
      name = 'guest-' .. redis.call('HINCRBY', meta, 'guests', 1)
    until redis.call('HEXISTS', presence, name) == 0
  end
  local first = redis.call('HINCRBY', presence, name, 1) == 1
  local members = redis.call('HLEN', presence)
  if keys[3] then
    redis.call('ZADD', keys[3], 0, args[4])
  end
  local had = 1
  if keys[4] then
    redis.call('HINCRBY', keys[4], name, 1)
    had = hold_lease({keys[4], keys[5], keys[6]}, args[4], args[5], args[6]) and 1 or 0
  end
  if first then
    presence_event(meta, args[1], name, true, members)
  end
  if keys[7] then
    touch_room(meta, keys[7], args[7])
  end
  return {name, first and 1 or 0, members, had}
end

-- keys: meta, presence, history, active rooms, [held, leases, lease index]; args: channel, name, room,
-- [incarnation, history TTL (ms)]. With an incarnation, a name it holds no connection of (its lease was
-- reaped) changes nothing. Returns last (1/0), the member count before, and whether the lease was held (1/0).
local function room_leave(keys, args)
  local meta, presence, history, name = keys[1], keys[2], keys[3], args[2]
  local before = redis.call('HLEN', presence)
  local had = 1
  if keys[5] then
    had = redis.call('ZSCORE', keys[6], args[4]) ~= false and 1 or 0
    local held = tonumber(redis.call('HGET', keys[5], name) or 0)
    if held == 0 then
      return {0, before, had}
    elseif held == 1 then
      redis.call('HDEL', keys[5], name)
      if redis.call('EXISTS', keys[5]) == 0 then
        drop_lease({keys[5], keys[6], keys[7]}, args[3], args[4])
      end
    else
      redis.call('HINCRBY', keys[5], name, -1)
    end
  end
  local count = tonumber(redis.call('HGET', presence, name))
  local last = 0
  if count == 1 then
    presence_event(meta, args[1], name, false, before)
    redis.call('HDEL', presence, name)
    last = 1
  elseif count then
    redis.call('HINCRBY', presence, name, -1)
  end
  tidy_room(meta, presence, history, keys[4], args[3])
  touch_room(meta, history, args[5])
  return {last, before, had}
end

-- keys: meta, presence, history, active rooms, held, leases, lease index; args: channel, room,
-- incarnation. Removes an incarnation whose lease expired: each name it held loses those connections,
-- and a name left with none anywhere streams one leave. Idempotent: a lease that is gone or was
-- renewed changes nothing. Returns the number of names that left, or -1 when the lease is live.
local function room_reap(keys, args)
  local meta, presence, history, active, held = keys[1], keys[2], keys[3], keys[4], keys[5]
  local room, incarnation = args[2], args[3]
  local expiry = redis.call('ZSCORE', keys[6], incarnation)
  if not expiry then
    redis.call('ZREM', keys[7], room .. '\n' .. incarnation)
    return 0
  end
  if tonumber(expiry) > now_ms() then
    redis.call('ZADD', keys[7], expiry, room .. '\n' .. incarnation)
    return -1
  end
  local entries = redis.call('HGETALL', held)
  local left = 0
  for i = 1, #entries, 2 do
    if add_presence(meta, presence, args[1], entries[i], -tonumber(entries[i + 1])) == -1 then
      left = left + 1
    end
  end
  drop_lease({held, keys[6], keys[7]}, room, incarnation)
  tidy_room(meta, presence, history, active, room)
  return left
end

-- keys: meta, presence, history, active rooms, held, leases, lease index; args: channel, room,
-- incarnation, lease (ms), then name, connections, ... Sets what the incarnation holds in the room to
-- exactly these names: names that come or go across the room stream a join or a leave. Returns the
-- joins and the leaves streamed.
local function room_reconcile(keys, args)
  local meta, presence, history, active, held = keys[1], keys[2], keys[3], keys[4], keys[5]
  local channel, room, incarnation = args[1], args[2], args[3]
  local wanted, names = {}, {}
  for i = 5, #args, 2 do
    wanted[args[i]] = tonumber(args[i + 1])
    names[#names + 1] = args[i]
  end
  local moved = {[1] = 0, [-1] = 0, [0] = 0}
  local entries = redis.call('HGETALL', held)
  for i = 1, #entries, 2 do
    if not wanted[entries[i]] then
      local m = add_presence(meta, presence, channel, entries[i], -tonumber(entries[i + 1]))
      moved[m] = moved[m] + 1
      redis.call('HDEL', held, entries[i])
    end
  end
  for _, name in ipairs(names) do
    local had = tonumber(redis.call('HGET', held, name) or 0)
    if wanted[name] ~= had then
      local m = add_presence(meta, presence, channel, name, wanted[name] - had)
      moved[m] = moved[m] + 1
      redis.call('HSET', held, name, wanted[name])
    end
  end
  if #names == 0 then
    drop_lease({held, keys[6], keys[7]}, room, incarnation)
  else
    hold_lease({held, keys[6], keys[7]}, room, incarnation, args[4])
    redis.call('ZADD', active, 0, room)
  end
  tidy_room(meta, presence, history, active, room)
  return {moved[1], moved[-1]}
end

-- keys: held, leases, lease index; args: room, incarnation, lease (ms). Renews a lease still held;
-- answers 0, renewing nothing, when it is gone (reaped, or Redis lost it): the node reconciles then.
local function room_renew(keys, args)
  if not redis.call('ZSCORE', keys[2], args[2]) or redis.call('EXISTS', keys[1]) == 0 then
    return 0
  end
  hold_lease(keys, args[1], args[2], args[3])
  return 1
end

-- keys: lease index; args: how many. Expired leases, room .. '\n' .. incarnation, the oldest first.
local function leases_expired(keys, args)
  return redis.call('ZRANGE', keys[1], '-inf', now_ms(), 'BYSCORE', 'LIMIT', 0, tonumber(args[1]))
end

-- keys: meta, presence, history; args: roster limit.
-- Returns position, newest trimmed position, member count, the first names, every kept message, epoch.
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
  local state = redis.call('HMGET', meta, 'seq', 'dropped', 'epoch')
  return {tonumber(state[1] or 0), tonumber(state[2] or 0), #names, roster, messages, state[3] or ''}
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

-- User keys: meta (seq, dropped), retained (seq by seq), bodies (seq -> JSON),
-- pending (seq by seq: not yet written to a connection), then the global undelivered count.

-- A user with nothing retained and no node subscribed to its channel (no connection anywhere) keeps
-- no key; otherwise its keys expire the key TTL (ms: the retention and a margin for the sweep) from
-- now, when everything it retains is past its retention anyway. A node of an older version passes no TTL.
local function settle_user(keys, ttl)
  local channel = string.gsub(keys[1], ':meta$', ':events')
  local online = redis.call('PUBSUB', 'NUMSUB', channel)[2] > 0
  if not online and redis.call('ZCARD', keys[2]) == 0 then
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
-- key TTL (ms). Returns {'full'} or {'ok', JSON, streamed (1/0)}. Streamed means a node subscribed to
-- the user's channel got it, and a node subscribes only while it holds a connection of the user: the
-- PUBLISH receiver count. A node that died still counts until Redis has read its closed connection;
-- the message stays pending either way, until a node marks it written. An inbox whose pending
-- messages fill it is full, online or not: none of them may be evicted.
local function user_send(keys, args)
  local meta, retained, bodies, pending, undelivered = keys[1], keys[2], keys[3], keys[4], keys[5]
  local inbox = tonumber(args[2])
  if redis.call('ZCARD', pending) >= inbox then
    return {'full'}
  end
  if redis.call('ZCARD', retained) >= inbox and not evict_oldest_delivered(keys) then
    return {'full'}
  end
  local seq, epoch = next_seq(meta)
  local sec, usec = now()
  local event = {k = 'd', ep = epoch, seq = seq, sec = sec, usec = usec, from = args[3], to = args[4]}
  message_content(event, args[5], args[6], args[7])
  local json = cjson.encode(event)
  redis.call('ZADD', retained, seq, seq)
  redis.call('HSET', bodies, seq, json)
  redis.call('ZADD', pending, seq, seq)
  redis.call('INCR', undelivered)
  local receivers = redis.call('PUBLISH', args[1], json)
  settle_user(keys, args[8])
  return {'ok', json, receivers > 0 and 1 or 0}
end

-- keys: user keys; args: seq. Idempotent.
local function user_delivered(keys, args)
  if redis.call('ZREM', keys[4], args[1]) == 1 then
    redis.call('DECR', keys[5])
  end
  return 0
end

-- keys: user keys; args: retention (microseconds), since position (-1: none or unknown), since's
-- epoch (a since of another epoch is unknown).
-- Returns expired ids, position, newest dropped position, recovered (1/0), messages, epoch.
local function user_catch_up(keys, args)
  local expired = expire(keys, tonumber(args[1]))
  local since = tonumber(args[2])
  local state = redis.call('HMGET', keys[1], 'seq', 'dropped', 'epoch')
  local seq, dropped = tonumber(state[1] or 0), tonumber(state[2] or 0)
  if args[3] and args[3] ~= (state[3] or '') then
    since = -1
  end
  if since < 0 or since > seq or since < dropped then
    return {expired, seq, dropped, 0, bodies_of(keys, redis.call('ZRANGE', keys[4], 0, -1)), state[3] or ''}
  end
  return {expired, seq, dropped, 1, bodies_of(keys, redis.call('ZRANGE', keys[2], '(' .. since, '+inf', 'BYSCORE')),
    state[3] or ''}
end

-- Gap repair. keys: meta, history; args: after, before (0: up to the newest).
-- Returns epoch ('' for none), position, newest trimmed position, the kept messages between.
local function room_since(keys, args)
  local state = redis.call('HMGET', keys[1], 'seq', 'dropped', 'epoch')
  local before = tonumber(args[2]) > 0 and '(' .. args[2] .. '-0' or '+'
  local entries = redis.call('XRANGE', keys[2], '(' .. args[1] .. '-0', before)
  local messages = {}
  for i, entry in ipairs(entries) do
    messages[i] = entry[2][2]
  end
  return {state[3] or '', tonumber(state[1] or 0), tonumber(state[2] or 0), messages}
end

-- Gap repair. keys: user keys; args: after, before (0: up to the newest).
-- Returns epoch ('' for none), position, newest dropped position, the retained messages between.
local function user_since(keys, args)
  local state = redis.call('HMGET', keys[1], 'seq', 'dropped', 'epoch')
  local before = tonumber(args[2]) > 0 and '(' .. args[2] or '+inf'
  local seqs = redis.call('ZRANGE', keys[2], '(' .. args[1], before, 'BYSCORE')
  return {state[3] or '', tonumber(state[1] or 0), tonumber(state[2] or 0), bodies_of(keys, seqs)}
end

-- keys: the metas of rooms and users a node follows. Returns each one's epoch ('' for none) and
-- position, one after the other: what the node compares with what it delivered.
local function stream_tops(keys, args)
  local out = {}
  for _, meta in ipairs(keys) do
    local state = redis.call('HMGET', meta, 'epoch', 'seq')
    out[#out + 1] = state[1] or ''
    out[#out + 1] = tonumber(state[2] or 0)
  end
  return out
end

-- keys: a room's or user's meta; args: the epoch a node saw. A node that finds the stream lost
-- messages it had streamed gives it a new epoch, once: only while the epoch is still the one it saw.
-- Returns the epoch now.
local function stream_renew(keys, args)
  local epoch = redis.call('HGET', keys[1], 'epoch')
  if epoch == args[1] then
    return new_epoch(keys[1])
  end
  return epoch or ''
end

-- The sweep of one user. keys: user keys; args: retention (microseconds). Drops messages past the
-- retention; a user left with nothing retained and offline loses its keys.
-- Returns the expired ids, how many messages are retained, and the user's epoch (the expired ids').
local function user_sweep(keys, args)
  local expired = expire(keys, tonumber(args[1]))
  local retained = redis.call('ZCARD', keys[2])
  local epoch = redis.call('HGET', keys[1], 'epoch') or ''
  if retained == 0 then
    settle_user(keys, nil)
  end
  return {expired, retained, epoch}
end

redis.register_function('parley_room_publish', room_publish)
redis.register_function('parley_room_enter', room_enter)
redis.register_function('parley_room_leave', room_leave)
redis.register_function('parley_room_snapshot', room_snapshot)
redis.register_function('parley_rooms_active', rooms_active)
redis.register_function('parley_rooms_count', rooms_count)
redis.register_function('parley_room_reap', room_reap)
redis.register_function('parley_room_reconcile', room_reconcile)
redis.register_function('parley_room_renew', room_renew)
redis.register_function('parley_leases_expired', leases_expired)
redis.register_function('parley_user_send', user_send)
redis.register_function('parley_user_delivered', user_delivered)
redis.register_function('parley_user_catch_up', user_catch_up)
redis.register_function('parley_room_since', room_since)
redis.register_function('parley_user_since', user_since)
redis.register_function('parley_stream_renew', stream_renew)
redis.register_function('parley_stream_tops', stream_tops)
redis.register_function('parley_user_sweep', user_sweep)
