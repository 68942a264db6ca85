import type { ViewReader } from '../viewStore.ts';

/** Runs one read command on the key `<version namespace><suffix>` of some version. */
export type RunRead = (suffix: string, command: string, args: readonly (string | number)[]) => Promise<unknown>;

// Lua's unpack() has a stack limit, so large HMGETs are split.
const MANY_CHUNK = 1000;

/** A ViewReader over Redis keys: documents in hashes, sets, counters and marks in hashes. */
export function redisReader(run: RunRead): ViewReader {
  return {
    async get<T>(collection: string, id: string): Promise<T | undefined> {
      const raw = await run(`doc:${collection}`, 'HGET', [id]);
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : undefined;
    },
    async getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]> {
      const docs: (T | undefined)[] = [];
      for (let start = 0; start < ids.length; start += MANY_CHUNK) {
        const chunk = ids.slice(start, start + MANY_CHUNK);
        const raw = await run(`doc:${collection}`, 'HMGET', chunk);
        const values = Array.isArray(raw) ? raw : [];
        chunk.forEach((_, i) => {
          const value: unknown = values[i];
          docs.push(typeof value === 'string' ? (JSON.parse(value) as T) : undefined);
        });
      }
      return docs;
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
    async lastPosition(): Promise<string | undefined> {
      const raw = await run('meta', 'HGET', ['position']);
      return typeof raw === 'string' ? raw : undefined;
    },
  };
}

function strings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}
