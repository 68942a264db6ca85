import { BackboneError, deadLetterTopic } from '@backbone/contracts';
import { replayerGroup, toDeadLetter } from '../deadLetters/deadLetterRecord.ts';
import type { DeadLetter, DeadLetterTool } from '../deadLetters/deadLetterRecord.ts';
import { openRecordLog } from './recordLog.ts';
import type { LoggedRecord, RecordLog, RecordLogLocation } from './recordLog.ts';

const PAGE = 500;

function* everyRecord(log: RecordLog, topic: string, partition: number, from: number): Generator<LoggedRecord> {
  for (let offset = from; ; ) {
    const page = log.read(topic, partition, offset, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    offset = page[page.length - 1]!.offset + 1;
  }
}

/**
 * Dead-letter tooling over the embedded log; safe to run from a separate process (a CLI)
 * on the same file. A consumer of the original topic picks replayed records up by polling.
 */
export function createEmbeddedDeadLetterTool(location: RecordLogLocation): DeadLetterTool {
  const log = openRecordLog(location);

  return {
    async list(group: string): Promise<DeadLetter[]> {
      const topic = deadLetterTopic(group);
      const letters: DeadLetter[] = [];
      for (let partition = 0; partition < (log.partitions(topic) ?? 0); partition++) {
        const replayedUpTo = log.committed(replayerGroup(group), topic, partition) ?? 0;
        for (const record of everyRecord(log, topic, partition, 0)) {
          letters.push(toDeadLetter({ ...record, offset: String(record.offset) }, record.offset < replayedUpTo));
        }
      }
      return letters;
    },

    async replay(group: string): Promise<{ replayed: number }> {
      const topic = deadLetterTopic(group);
      const replayer = replayerGroup(group);
      let replayed = 0;
      for (let partition = 0; partition < (log.partitions(topic) ?? 0); partition++) {
        const from = log.committed(replayer, topic, partition) ?? 0;
        for (const record of everyRecord(log, topic, partition, from)) {
          const letter = toDeadLetter({ ...record, offset: String(record.offset) }, false);
          if (log.partitions(letter.originalTopic) === undefined) {
            throw new BackboneError('not_found', `dead letter ${partition}/${record.offset}: topic "${letter.originalTopic}" does not exist`);
          }
          await log.append(letter.originalTopic, [letter.record]);
          log.commit(replayer, topic, partition, record.offset + 1);
          replayed++;
        }
      }
      return { replayed };
    },

    async close() {
      log.close();
    },
  };
}
