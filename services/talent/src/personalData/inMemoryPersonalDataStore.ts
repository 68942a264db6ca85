import type { PersonalData, PersonalDataStore } from './personalDataStore.ts';

/**
 * A `PersonalDataStore` in a Map, for tests of code that needs one and as the contract
 * suite's reference. It forgets everything on restart: the service uses the SQLite adapter.
 */
export function createInMemoryPersonalDataStore(): PersonalDataStore {
  const records = new Map<string, PersonalData>();
  return {
    put: async (personId, data) => {
      records.set(personId, { ...data });
    },
    get: async (personId) => {
      const data = records.get(personId);
      return data === undefined ? undefined : { ...data };
    },
    erase: async (personId) => records.delete(personId),
  };
}
