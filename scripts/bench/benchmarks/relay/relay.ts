import { failure, unavailable } from '../../harness/benchmark.ts';
import type { BenchContext, BenchSection } from '../../harness/benchmark.ts';
import { count, megabytes, percent, perSecond } from '../../harness/format.ts';
import { partsModule, runTask } from '../../harness/runPart.ts';
import { withTopics } from '../../fixtures/kafkaTopics.ts';

const parts = partsModule<typeof import('./parts.ts')>(new URL('./parts.ts', import.meta.url));
const TARGET = 0.5;

/** Relay throughput: createRelay + createKafkaBus vs a raw kafkajs producer with the same batching and acks. */
export async function relayBenchmark(context: BenchContext): Promise<BenchSection[]> {
  const { config } = context;
  const title = 'Relay (SQLite log → Kafka)';
  const name = `Relay ${count(config.relayEvents)} stored events, batch ${config.relayBatchSize}, acks all, idempotent, batches alternating with the baseline's`;
  const target = `≥ ${percent(TARGET)} of raw producer`;
  const skipped = unavailable(context.kafka);
  if (skipped) return [{ title, rows: [{ name, target, skipped }], limits: [] }];

  const marker = `bench-${context.runId}-relay`;
  const topics = { ours: `${marker}-ours`, raw: `${marker}-raw`, warm: `${marker}-warm` };
  try {
    return await withTopics(config.kafkaBrokers, marker, Object.values(topics), async () => {
      context.progress('relay: createRelay + createKafkaBus and a raw kafkajs producer, batch by batch in alternation');
      const outcome = await runTask(
        parts,
        'relaySideBySide',
        { brokers: config.kafkaBrokers, topics, events: config.relayEvents, batchSize: config.relayBatchSize, seed: 11, idPrefix: `task-${context.runId}`, dir: context.workDir },
        { timeoutMs: config.partTimeoutMs },
      );
      const { ours, raw } = outcome.result;
      const oursRate = ours.events / ours.seconds;
      const rawRate = raw.events / raw.seconds;
      const ratio = oursRate / rawRate;
      const batchMs = (1000 * raw.seconds) / Math.ceil(raw.events / config.relayBatchSize);
      return [
        {
          title,
          rows: [
            {
              name,
              ours: perSecond(oursRate, 'events'),
              baseline: `${perSecond(rawRate, 'events')} (raw kafkajs producer, same records and settings)`,
              ratio,
              target,
              met: ratio >= TARGET,
              peakRss: `${megabytes(outcome.peakRssBytes)} (one process for both)`,
            },
          ],
          limits: [
            `Both sides wait for the broker's acknowledgement of each ${config.relayBatchSize}-record batch before sending the next (acks=all, idempotent, one request in flight — the bus keeps kafkajs to one in-flight send for ordering, kafkajs#598), about ${batchMs.toFixed(1)} ms per batch raw; the relay adds, per batch and in series, reading the page from SQLite and parsing each envelope, building the CloudEvents headers, saving the checkpoint and two more queries for the lag metric (head position and oldest unpublished event), and reaches ${percent(ratio)} of the raw rate.`,
          ],
        },
      ];
    });
  } catch (error) {
    return [{ title, rows: [{ name, target, skipped: failure(error) }], limits: [] }];
  }
}
