import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedUuid } from './ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('makes RFC 9562 version 7 UUIDs that zod accepts as UUIDs', () => {
    const id = timeOrderedUuid();
    expect(id).toMatch(UUID_V7);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('puts the time in milliseconds in the first 48 bits', () => {
    expect(timeOrderedUuid(0x0123456789ab).startsWith('01234567-89ab-7')).toBe(true);
    expect(timeOrderedUuid(0).startsWith('00000000-0000-7')).toBe(true);
    const now = Date.now();
    const id = timeOrderedUuid();
    const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(now);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('sorts as text in the order of the times it was made at', () => {
    const times = [1, 255, 256, 1_700_000_000_000, 1_700_000_000_001, 2 ** 48 - 1];
    const ids = times.map((ms) => timeOrderedUuid(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('makes distinct ids within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it('refuses a time it cannot hold', () => {
    for (const ms of [-1, 1.5, 2 ** 48, Number.NaN]) expect(() => timeOrderedUuid(ms)).toThrow(RangeError);
  });
});
