import { createHash } from 'node:crypto';

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The Idempotency-Key of a row: the mapping's name and a hash of the row as parsed (so the
 * same row in a CSV or a JSON Lines export, re-exported or re-imported, has the same key).
 */
export function rowKey(mapping: string, row: unknown): string {
  return `import-${mapping}-${createHash('sha256').update(canonical(row)).digest('hex').slice(0, 48)}`;
}
