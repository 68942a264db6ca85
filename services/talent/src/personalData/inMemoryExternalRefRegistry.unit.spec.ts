import { describeExternalRefRegistryContract } from './externalRefRegistry.contract.ts';
import { createInMemoryExternalRefRegistry } from './inMemoryExternalRefRegistry.ts';

describeExternalRefRegistryContract('in-memory', async () => createInMemoryExternalRefRegistry());
