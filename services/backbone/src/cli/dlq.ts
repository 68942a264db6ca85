import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { openInfrastructure } from '../composition/infrastructure.ts';

/** `backbone dlq list|replay <group>`: inspect or republish a consumer group's dead letters. */
export async function dlqCommand(config: Config, logger: Logger, action: string, group: string): Promise<void> {
  const infra = openInfrastructure(config, { logger, metrics: new Registry() });
  const tool = infra.deadLetters();
  try {
    if (action === 'list') {
      const letters = await tool.list(group);
      for (const letter of letters) console.log(JSON.stringify(letter));
      console.error(`${letters.length} dead letter(s) in ${group}.dlq (${letters.filter((l) => !l.replayed).length} not replayed)`);
    } else if (action === 'replay') {
      const { replayed } = await tool.replay(group);
      console.log(`replayed ${replayed} dead letter(s) of ${group} to their original topics`);
    } else {
      throw new Error(`unknown dlq action "${action}"; use list or replay`);
    }
  } finally {
    await tool.close();
    await infra.close();
  }
}
