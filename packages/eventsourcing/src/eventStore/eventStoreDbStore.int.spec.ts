import { describe } from 'vitest';
import { eventStoreDbServer } from '@backbone/testkit';
import { describeEventStoreContract } from './eventStore.contract.ts';
import { createEventStoreDbStore } from './eventStoreDb.ts';

const esdb = await eventStoreDbServer();

describe.skipIf(!esdb.available)(`EventStoreDB event store${esdb.reason ? ` (skipped: ${esdb.reason})` : ''}`, () => {
  describeEventStoreContract('EventStoreDB', async () =>
    createEventStoreDbStore({ connectionString: esdb.endpoint!.connectionString }),
  );
});
