import { createInMemoryPersonalDataStore } from './inMemoryPersonalDataStore.ts';
import { describePersonalDataStoreContract } from './personalDataStore.contract.ts';

describePersonalDataStoreContract('in-memory', async () => createInMemoryPersonalDataStore());
