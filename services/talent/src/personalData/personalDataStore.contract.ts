import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PersonalData, PersonalDataStore } from './personalDataStore.ts';

/**
 * The behaviour every `PersonalDataStore` adapter must show. `openStore` may return the same
 * store each time; person ids are unique per test, so the suite also runs on a shared store.
 */
export function describePersonalDataStoreContract(name: string, openStore: () => Promise<PersonalDataStore>): void {
  describe(`${name} — PersonalDataStore contract`, () => {
    const someone = (): PersonalData => ({ name: '王小明', contact: '+86 816 000 0000', identityNumber: '51070119900101123X' });
    const newPersonId = () => `person-${randomUUID()}`;

    it('returns what was put, exactly', async () => {
      const store = await openStore();
      const personId = newPersonId();
      await store.put(personId, someone());
      expect(await store.get(personId)).toStrictEqual(someone());
    });

    it('keeps absent optional fields absent', async () => {
      const store = await openStore();
      const personId = newPersonId();
      await store.put(personId, { name: 'Li Hua' });
      expect(await store.get(personId)).toStrictEqual({ name: 'Li Hua' });
    });

    it('replaces the record on a second put', async () => {
      const store = await openStore();
      const personId = newPersonId();
      await store.put(personId, someone());
      await store.put(personId, { name: '王小明', contact: 'new@example.org' });
      expect(await store.get(personId)).toStrictEqual({ name: '王小明', contact: 'new@example.org' });
    });

    it('answers undefined for a person it never stored', async () => {
      const store = await openStore();
      expect(await store.get(newPersonId())).toBeUndefined();
    });

    it('erases the record for good, and says whether there was one', async () => {
      const store = await openStore();
      const personId = newPersonId();
      await store.put(personId, someone());
      expect(await store.erase(personId)).toBe(true);
      expect(await store.get(personId)).toBeUndefined();
      expect(await store.erase(personId)).toBe(false);
      expect(await store.get(personId)).toBeUndefined();
    });

    it('erases only the person named', async () => {
      const store = await openStore();
      const [gone, kept] = [newPersonId(), newPersonId()];
      await store.put(gone, someone());
      await store.put(kept, { name: 'Li Hua' });
      await store.erase(gone);
      expect(await store.get(kept)).toStrictEqual({ name: 'Li Hua' });
    });

    it('does not let a caller change a stored record through the object it passed or got', async () => {
      const store = await openStore();
      const personId = newPersonId();
      const data = { name: 'Li Hua', contact: 'a@example.org' };
      await store.put(personId, data);
      data.contact = 'changed@example.org';
      const read = await store.get(personId);
      expect(read).toStrictEqual({ name: 'Li Hua', contact: 'a@example.org' });
    });
  });
}
