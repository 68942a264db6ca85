import type { ViewReader } from '../viewStore.ts';

/** Runs one read command on the key `<version namespace><suffix>` of some version. */
export type RunRead = (suffix: string, command: string, args: readonly (string | number)[]) => Promise<unknown>;

// Lua's unpack() has a stack limit, so large HMGETs are split.
const MANY_CHUNK = 1000;

/** A ViewReader over Redis keys: documents in hashes, sets, counters and marks in hashes. */
export function redisReader(run: RunRead): ViewReader {
  /** HMGET of many fields, split so each call stays small; the parts are sent without waiting for each other. */
  async function hmget(suffix: string, fields: readonly string[]): Promise<(string | undefined)[]> {
    const parts: Promise<unknown>[] = [];
    for (let start = 0; start < fields.length; start += MANY_CHUNK) parts.push(run(suffix, 'HMGET', fields.slice(start, start + MANY_CHUNK)));
    return (await Promise.all(parts)).flatMap((raw, part) => {
      const values = Array.isArray(raw) ? raw : [];
      const count = Math.min(MANY_CHUNK, fields.length - part * MANY_CHUNK);
      return Array.from({ length: count }, (_, i) => {
        const value: unknown = values[i];
        return typeof value === 'string' ? value : undefined;
      });
    });
  }

  return {
    async get<T>(collection: string, id: string): Promise<T | undefined> {
      const raw = await run(`doc:${collection}`, 'HGET', [id]);
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : undefined;
    },
    async getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]> {
      const raw = await hmget(`doc:${collection}`, ids);
      return raw.map((value) => (value === undefined ? undefined : (JSON.parse(value) as T)));
    },
    async members(set: string): Promise<string[]> {
      const raw = await run(`set:${set}`, 'SMEMBERS', []);
      return strings(raw).sort();
    },
    async counter(counter: string): Promise<number> {
      const raw = await run('counters', 'HGET', [counter]);
      return typeof raw === 'string' ? Number(raw) : 0;
    },
    async all<T>(collection: string): Promise<T[]> {
      const flat = strings(await run(`doc:${collection}`, 'HGETALL', []));
      const entries: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) entries.push([flat[i]!, flat[i + 1]!]);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return entries.map(([, json]) => JSON.parse(json) as T);
    },
    async appliedVersion(subject: string): Promise<number | undefined> {
      const raw = await run('marks', 'HGET', [subject]);
      return typeof raw === 'string' ? Number(raw) : undefined;
    },
    async appliedVersions(subjects: readonly string[]): Promise<(number | undefined)[]> {
      const raw = await hmget('marks', subjects);
      return raw.map((value) => (value === undefined ? undefined : Number(value)));
    },
    async lastPosition(): Promise<string | undefined> {
      const raw = await run('meta', 'HGET', ['position']);
      return typeof raw === 'string' ? raw : undefined;
    },
  };
}

function strings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}
