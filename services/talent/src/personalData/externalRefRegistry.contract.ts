import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExternalRefRegistry } from './externalRefRegistry.ts';

/**
 * The behaviour every `ExternalRefRegistry` adapter must show. `open` may return the same
 * registry each time (hashes and person ids are unique per test); `openSecond`, when given,
 * opens another connection to the same data, like a second process.
 */
export function describeExternalRefRegistryContract(
  name: string,
  open: () => Promise<ExternalRefRegistry>,
  openSecond?: () => Promise<ExternalRefRegistry>,
): void {
  describe(`${name} — ExternalRefRegistry contract`, () => {
    const newHash = () => randomUUID().replaceAll('-', '').repeat(2);
    const newPerson = () => `talent-person-${randomUUID()}`;
    const at = new Date('2025-04-01T09:00:00.000Z');

    it('lets one person claim a hash; a second claim of it fails and the holder stays', async () => {
      const registry = await open();
      const [hash, first, second] = [newHash(), newPerson(), newPerson()];
      expect(await registry.claim(hash, first, at)).toBe(true);
      expect(await registry.claim(hash, second, at)).toBe(false);
      expect(await registry.holder(hash)).toEqual({ personId: first, state: 'pending', claimedAt: at });
    });

    it('confirms only the holder’s claim', async () => {
      const registry = await open();
      const [hash, holder, other] = [newHash(), newPerson(), newPerson()];
      await registry.claim(hash, holder, at);
      await registry.confirm(hash, other);
      expect((await registry.holder(hash))?.state).toBe('pending');
      await registry.confirm(hash, holder);
      expect(await registry.holder(hash)).toEqual({ personId: holder, state: 'registered', claimedAt: at });
    });

    it('releases only the holder’s claim; the hash can then be claimed again', async () => {
      const registry = await open();
      const [hash, holder, other] = [newHash(), newPerson(), newPerson()];
      await registry.claim(hash, holder, at);
      expect(await registry.release(hash, other)).toBe(false);
      expect(await registry.release(hash, holder)).toBe(true);
      expect(await registry.holder(hash)).toBeUndefined();
      expect(await registry.claim(hash, other, at)).toBe(true);
    });

    it('releases whatever a person holds, leaving other people’s claims', async () => {
      const registry = await open();
      const [hash, kept, person, other] = [newHash(), newHash(), newPerson(), newPerson()];
      await registry.claim(hash, person, at);
      await registry.confirm(hash, person);
      await registry.claim(kept, other, at);
      await registry.releasePerson(person);
      expect(await registry.holder(hash)).toBeUndefined();
      expect((await registry.holder(kept))?.personId).toBe(other);
    });

    if (openSecond) {
      it('two connections claiming the same hash at once: exactly one wins', async () => {
        const [a, b] = [await open(), await openSecond()];
        const hash = newHash();
        const results = await Promise.all([a.claim(hash, newPerson(), at), b.claim(hash, newPerson(), at)]);
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    }
  });
}
