import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The dedupe check, the writes and the new mark run as one Lua script rather than
 * WATCH/MULTI/EXEC: a script is atomic without an optimistic retry loop, takes one round
 * trip, and does not abort when a concurrent apply for another aggregate touches the same
 * marks hash (WATCH can only watch the whole hash, so every apply would contend with all
 * others). Every key it touches is passed in KEYS.
 *
 * KEYS: marks hash, meta hash, retired set, then one key per write.
 * ARGV: version, subject, streamversion, position ('' = none), then (op, field, value) per write.
 * Returns 1 applied, 0 duplicate or gap (the event is not the next of its aggregate), -1 retired version.
 */
export const APPLY_SCRIPT = `
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return -1 end
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[2]) or '0')
if tonumber(ARGV[3]) ~= last + 1 then return 0 end
for i = 4, #KEYS do
  local j = 5 + (i - 4) * 3
  local op, field, value = ARGV[j], ARGV[j + 1], ARGV[j + 2]
  if op == 'put' then redis.call('HSET', KEYS[i], field, value)
  elseif op == 'delete' then redis.call('HDEL', KEYS[i], field)
  elseif op == 'addToSet' then redis.call('SADD', KEYS[i], field)
  elseif op == 'removeFromSet' then redis.call('SREM', KEYS[i], field)
  elseif op == 'increment' then redis.call('HINCRBY', KEYS[i], field, value)
  else return redis.error_reply('unknown view write ' .. tostring(op)) end
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], 'position', ARGV[4]) end
return 1
`;

/**
 * `applyBatch` in one script: each item is checked against the marks as the items before it left
 * them, exactly as one `APPLY_SCRIPT` per item would, but only the batch's net effect is written
 * (the last put/delete of a document, the last add/remove of a member, the summed increments, one
 * HSET of the moved marks) — the whole batch is atomic, and a board's counters are written once
 * per batch instead of once per event. Callers keep batches small (Redis runs nothing else meanwhile).
 *
 * KEYS: marks hash, meta hash, retired set, then every key the writes touch.
 * ARGV: version, then the items as one JSON array (one argument is far cheaper to send than
 * thousands): each item `[subject, streamversion, position ('' = none), then per write: index of
 * its key in KEYS, op, field, value]`.
 * Returns how many items applied, or -1 when the version is retired.
 */
export const APPLY_BATCH_SCRIPT = `
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return -1 end
local marks, moved, position, applied = {}, {}, nil, 0
local fields, members, counters = {}, {}, {}
local function within(tables, key)
  local t = tables[key]
  if t == nil then t = {}; tables[key] = t end
  return t
end
for _, item in ipairs(cjson.decode(ARGV[2])) do
  local subject, version, at = item[1], item[2], item[3]
  local last = marks[subject]
  if last == nil then last = tonumber(redis.call('HGET', KEYS[1], subject) or '0') end
  if version == last + 1 then
    applied = applied + 1
    marks[subject] = version
    moved[subject] = version
    if at ~= '' then position = at end
    for w = 4, #item, 4 do
      local key, op, field, value = item[w], item[w + 1], item[w + 2], item[w + 3]
      if op == 'put' then within(fields, key)[field] = value
      elseif op == 'delete' then within(fields, key)[field] = false
      elseif op == 'addToSet' then within(members, key)[field] = true
      elseif op == 'removeFromSet' then within(members, key)[field] = false
      elseif op == 'increment' then local t = within(counters, key); t[field] = (t[field] or 0) + value
      else return redis.error_reply('unknown view write ' .. tostring(op)) end
    end
  else
    marks[subject] = last
  end
end
-- unpack() has a stack limit, so long argument lists go in slices.
local function send(command, key, args)
  for from = 1, #args, 1000 do
    redis.call(command, key, unpack(args, from, math.min(from + 999, #args)))
  end
end
for key, byField in pairs(fields) do
  local put, deleted = {}, {}
  for field, value in pairs(byField) do
    if value then put[#put + 1] = field; put[#put + 1] = value else deleted[#deleted + 1] = field end
  end
  send('HSET', KEYS[key], put)
  send('HDEL', KEYS[key], deleted)
end
for key, byMember in pairs(members) do
  local added, removed = {}, {}
  for member, present in pairs(byMember) do
    if present then added[#added + 1] = member else removed[#removed + 1] = member end
  end
  send('SADD', KEYS[key], added)
  send('SREM', KEYS[key], removed)
end
for key, byField in pairs(counters) do
  for field, by in pairs(byField) do redis.call('HINCRBY', KEYS[key], field, string.format('%d', by)) end
end
local markArgs = {}
for subject, version in pairs(moved) do markArgs[#markArgs + 1] = subject; markArgs[#markArgs + 1] = string.format('%d', version) end
send('HSET', KEYS[1], markArgs)
if position then redis.call('HSET', KEYS[2], 'position', position) end
return applied
`;

/**
 * The fast path of `applyBatch`, for a batch whose items form, per aggregate, a chain of
 * consecutive streamversions: if every aggregate's mark is still the one its chain starts from,
 * every item is the next of its aggregate, so the batch's net writes (computed by the caller) are
 * exactly what one-by-one applies would leave; they are written atomically. Otherwise nothing is
 * written and -2 is returned: the caller sends the items to `APPLY_BATCH_SCRIPT`. `applyNet`
 * sends its net batch here as it is (-2: its caller was not alone in writing the version).
 *
 * KEYS: marks hash, meta hash, retired set, then every key the commands touch.
 * ARGV: version, then one JSON argument `[[subject, mark expected, ...], [[key index, command, args...], ...]]`
 * (the commands are the net writes, the new marks and the position), then the documents' JSON:
 * `HSETDOCS` is an HSET whose values are the indexes of the ARGV holding them, so a document is
 * not escaped into the batch's JSON and decoded out of it again.
 * Returns 1 when written, -2 when a mark moved, -1 when the version is retired.
 */
export const APPLY_NET_SCRIPT = `
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return -1 end
local batch = cjson.decode(ARGV[2])
local expected, commands = batch[1], batch[2]
for i = 1, #expected, 2 do
  if tonumber(redis.call('HGET', KEYS[1], expected[i]) or '0') ~= expected[i + 1] then return -2 end
end
local allowed = { HSET = true, HDEL = true, SADD = true, SREM = true, HINCRBY = true }
for _, command in ipairs(commands) do
  local name = command[2]
  if name == 'HSETDOCS' then
    name = 'HSET'
    for i = 4, #command, 2 do command[i] = ARGV[command[i]] end
  end
  if not allowed[name] then return redis.error_reply('unexpected command ' .. tostring(name)) end
  -- unpack() has a stack limit, so long argument lists go in slices of whole pairs.
  for from = 3, #command, 1000 do
    redis.call(name, KEYS[command[1]], unpack(command, from, math.min(from + 999, #command)))
  end
end
return 1
`;

/**
 * Switches the live pointer and retires the previous version in one step.
 * KEYS: live pointer, retired set, hold key of the new version. ARGV: version, hold ms ('0' = none).
 * Returns the previous live version (nil when none), or -1 when the version is retired.
 */
export const PROMOTE_SCRIPT = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return -1 end
local previous = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1])
if previous and previous ~= ARGV[1] then redis.call('SADD', KEYS[2], previous) end
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[3], '1', 'PX', ARGV[2]) end
return previous
`;

/**
 * Reads from the live version in the same atomic step that resolves it, so a promote that
 * deletes the old version cannot slip between the two. The data key is derived from the
 * pointer inside the script (it cannot be declared up front); fine on a standalone Redis.
 * KEYS: live pointer. ARGV: key prefix up to the version, key suffix after it, command, args.
 */
export const READ_LIVE_SCRIPT = `
local version = redis.call('GET', KEYS[1])
if not version then return false end
return redis.call(ARGV[3], ARGV[1] .. version .. ARGV[2], unpack(ARGV, 4))
`;

/** A Lua script run by its SHA, loaded on first use (EVALSHA, then EVAL on NOSCRIPT). */
export function luaScript(source: string): (redis: Redis, keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown> {
  const sha = scriptSha(source);
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}

/** The SHA1 by which Redis knows a script (EVALSHA). */
export function scriptSha(source: string): string {
  return createHash('sha1').update(source).digest('hex');
}

/** Whether a Redis error says the script is not loaded. */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
