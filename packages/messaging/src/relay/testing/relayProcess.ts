/**
 * A relay in its own OS process, for the crash test (`relayCrash.e2e.spec.ts`):
 *
 *   tsx relayProcess.ts --store <sqlite> --checkpoints <sqlite> --brokers <host:port,…>
 *                       --name <relay> --topic-prefix <prefix> --batch-size <n> [--hang-on-first-save]
 *
 * With `--hang-on-first-save` the checkpoint store prints `CHECKPOINT_SAVE_REACHED` on its first
 * save and never resolves it: the batch is published and acknowledged, the checkpoint not yet
 * written — the moment the test SIGKILLs the process. Without it, the relay runs until caught
 * up, prints `RELAY_CAUGHT_UP <published>` and exits.
 */
import { parseArgs } from 'node:util';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import type { CheckpointStore } from '../checkpointStore.ts';
import { createKafkaBus } from '../../kafka/kafkaBus.ts';
import { contextTopicOf, createRelay } from '../relay.ts';
import { createSqliteCheckpointStore } from '../sqliteCheckpointStore.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    checkpoints: { type: 'string' },
    brokers: { type: 'string' },
    name: { type: 'string' },
    'topic-prefix': { type: 'string' },
    'batch-size': { type: 'string', default: '100' },
    'hang-on-first-save': { type: 'boolean', default: false },
  },
});
const required = (name: string, value: string | undefined): string => {
  if (!value) throw new Error(`--${name} is required`);
  return value;
};

const store = createSqliteEventStore({ path: required('store', values.store) });
const sqliteCheckpoints = createSqliteCheckpointStore({ path: required('checkpoints', values.checkpoints) });
let saves = 0;
const checkpoints: CheckpointStore = {
  load: (name) => sqliteCheckpoints.load(name),
  save: (name, position, expected) => {
    saves++;
    if (values['hang-on-first-save'] && saves === 1) {
      process.stdout.write(`CHECKPOINT_SAVE_REACHED ${position}\n`);
      return new Promise<boolean>(() => {});
    }
    return sqliteCheckpoints.save(name, position, expected);
  },
};
const bus = createKafkaBus({ brokers: required('brokers', values.brokers).split(','), clientId: 'relay-crash-fixture' });
const prefix = required('topic-prefix', values['topic-prefix']);
const relay = createRelay({
  store,
  bus,
  checkpoints,
  name: required('name', values.name),
  batchSize: Number(values['batch-size']),
  topicFor: (envelope) => `${prefix}.${contextTopicOf(envelope)}`,
});

let published = 0;
for (let batch = await relay.runOnce(); batch > 0; batch = await relay.runOnce()) published += batch;
process.stdout.write(`RELAY_CAUGHT_UP ${published}\n`);
await bus.close();
await store.close();
await sqliteCheckpoints.close();
