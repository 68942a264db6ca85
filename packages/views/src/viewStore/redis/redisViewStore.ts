import { ruleViolation } from '@backbone/contracts';
import { Redis } from 'ioredis';
import {
  assertApplicable,
  assertViewName,
  retiredCannotReturn,
  retiredVersion,
  type ApplyItem,
  type ApplyMark,
  type PromoteOptions,
  type ViewReader,
  type ViewStore,
  type ViewWrite,
} from '../viewStore.ts';
import { APPLY_SCRIPT, PROMOTE_SCRIPT, READ_LIVE_SCRIPT, isNoScript, luaScript, scriptSha } from './luaScripts.ts';
import { redisReader } from './redisReader.ts';

export interface RedisViewStoreOptions {
  /** An ioredis client (left open on `close`) or a URL (the store owns that connection). */
  readonly redis: Redis | string;
  /** Every key starts with `<prefix>:`. */
  readonly prefix: string;
  /** Keys per SCAN page and UNLINK call when a version is deleted (default 500). */
  readonly deleteBatchSize?: number;
}

const applyScript = luaScript(APPLY_SCRIPT);
const APPLY_SHA = scriptSha(APPLY_SCRIPT);
const promoteScript = luaScript(PROMOTE_SCRIPT);
const readLiveScript = luaScript(READ_LIVE_SCRIPT);

/**
 * The Redis view store. Keys: `<prefix>:<projection>:live` (the live version),
 * `<prefix>:<projection>:retired` (a set), and per version `<prefix>:<projection>:<version>:`
 * + `doc:<collection>` (hash id → JSON), `set:<set>`, `counters` (hash), `marks` (hash
 * subject → streamversion), `meta` (hash), `hold` (string with a TTL).
 */
export function createRedisViewStore(options: RedisViewStoreOptions): ViewStore {
  const owned = typeof options.redis === 'string';
  const redis = typeof options.redis === 'string' ? new Redis(options.redis) : options.redis;
  const batch = options.deleteBatchSize ?? 500;
  const base = (projection: string) => {
    assertViewName('projection', projection);
    return `${options.prefix}:${projection}:`;
  };
  const ns = (projection: string, version: string) => {
    assertViewName('version', version);
    return `${base(projection)}${version}:`;
  };

  async function evalPipeline(calls: readonly ApplyCall[]): Promise<[Error | null, unknown][]> {
    if (calls.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const { keys, args } of calls) pipeline.evalsha(APPLY_SHA, keys.length, ...keys, ...args);
    return (await pipeline.exec()) ?? [];
  }

  async function liveVersion(projection: string): Promise<string | undefined> {
    return (await redis.get(`${base(projection)}live`)) ?? undefined;
  }

  async function drop(projection: string, version: string): Promise<void> {
    const prefix = ns(projection, version);
    if ((await liveVersion(projection)) === version) {
      throw ruleViolation('live-view-version-cannot-be-dropped', `${version} is the live version of ${projection}`);
    }
    const pattern = `${globEscape(prefix)}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', batch);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  }

  return {
    reader(projection: string): ViewReader {
      const pointer = `${base(projection)}live`;
      const prefix = base(projection);
      return redisReader((suffix, command, args) =>
        readLiveScript(redis, [pointer], [prefix, `:${suffix}`, command, ...args]),
      );
    },

    readerOf(projection: string, version: string): ViewReader {
      const prefix = ns(projection, version);
      return redisReader((suffix, command, args) => redis.call(command, `${prefix}${suffix}`, ...args));
    },

    async apply(projection: string, version: string, mark: ApplyMark, writes: readonly ViewWrite[]): Promise<boolean> {
      assertApplicable(mark, writes);
      const { keys, args } = applyCall(ns(projection, version), base(projection), version, { mark, writes });
      const result = await applyScript(redis, keys, args);
      if (result === -1) throw retiredVersion(projection, version);
      return result === 1;
    },

    // One pipeline of EVALSHA of the apply script, one per item: each event stays atomic on its own
    // (the same script as `apply`, so the same semantics), the batch costs one round trip, and Redis
    // is never blocked for a whole batch as it would be by one script applying all of it.
    async applyBatch(projection: string, version: string, items: readonly ApplyItem[]): Promise<number> {
      for (const { mark, writes } of items) assertApplicable(mark, writes);
      const prefix = ns(projection, version);
      const calls = items.map((item) => applyCall(prefix, base(projection), version, item));
      let results = await evalPipeline(calls);
      if (results.some(([error]) => isNoScript(error))) {
        // Items that met NOSCRIPT did not run; the ones after a loaded script did. Rerun only the former, in order.
        await redis.script('LOAD', APPLY_SCRIPT);
        const missed = calls.flatMap((call, i) => (isNoScript(results[i]?.[0]) ? [call] : []));
        const again = await evalPipeline(missed);
        let next = 0;
        results = results.map((result) => (isNoScript(result[0]) ? again[next++]! : result));
      }
      let applied = 0;
      for (const [error, result] of results) {
        if (error) throw error;
        if (result === -1) throw retiredVersion(projection, version);
        if (result === 1) applied++;
      }
      return applied;
    },

    liveVersion,

    async ensureLive(projection: string, version: string): Promise<string> {
      assertViewName('version', version);
      await redis.set(`${base(projection)}live`, version, 'NX');
      return (await liveVersion(projection)) ?? version;
    },

    async promote(projection: string, version: string, promoteOptions: PromoteOptions = {}): Promise<void> {
      const prefix = ns(projection, version);
      const keys = [`${base(projection)}live`, `${base(projection)}retired`, `${prefix}hold`];
      const previous = await promoteScript(redis, keys, [version, Math.max(0, Math.round(promoteOptions.holdMs ?? 0))]);
      if (previous === -1) throw retiredCannotReturn(projection, version);
      if (typeof previous === 'string' && previous !== version) await drop(projection, previous);
    },

    async isHeld(projection: string, version: string): Promise<boolean> {
      return (await redis.exists(`${ns(projection, version)}hold`)) === 1;
    },

    async release(projection: string, version: string): Promise<void> {
      await redis.unlink(`${ns(projection, version)}hold`);
    },

    drop,

    async close(): Promise<void> {
      if (owned) await redis.quit();
    },
  };
}

interface ApplyCall {
  readonly keys: string[];
  readonly args: string[];
}

/** The KEYS and ARGV of the apply script for one event. */
function applyCall(prefix: string, projectionBase: string, version: string, { mark, writes }: ApplyItem): ApplyCall {
  const keys = [`${prefix}marks`, `${prefix}meta`, `${projectionBase}retired`];
  const args: string[] = [version, mark.subject, String(mark.streamversion), mark.position ?? ''];
  for (const write of writes) {
    const [key, field, value] = encode(prefix, write);
    keys.push(key);
    args.push(write.op, field, value);
  }
  return { keys, args };
}

function encode(prefix: string, write: ViewWrite): [key: string, field: string, value: string] {
  switch (write.op) {
    case 'put':
      return [`${prefix}doc:${write.collection}`, write.id, JSON.stringify(write.doc)];
    case 'delete':
      return [`${prefix}doc:${write.collection}`, write.id, ''];
    case 'addToSet':
    case 'removeFromSet':
      return [`${prefix}set:${write.set}`, write.member, ''];
    case 'increment':
      return [`${prefix}counters`, write.counter, String(write.by)];
  }
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
