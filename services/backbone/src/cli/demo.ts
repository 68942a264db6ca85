import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { openInfrastructure } from '../composition/infrastructure.ts';
import { runQuarterDemo } from '../demo/quarterDemo.ts';
import { progressBar } from './progressBar.ts';

/** `backbone demo`: writes a realistic quarter of the plan's activity into the configured store. */
export async function demoCommand(config: Config, logger: Logger, options: { seed: number }): Promise<void> {
  const infra = openInfrastructure(config, { logger, metrics: new Registry() });
  try {
    const bar = progressBar('demo');
    const result = await runQuarterDemo({
      infra,
      referenceConfig: JSON.parse(readFileSync(config.REFERENCE_CONFIG, 'utf8')) as unknown,
      seed: options.seed,
      end: new Date(),
      tasks: 60,
      graceHours: config.OVERDUE_GRACE_HOURS,
      newId: randomUUID,
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.finish(
      `demo: ${result.tasks} key tasks, ${result.commands} commands, ${result.events} events written. ` +
        'The running backbone relays and projects them; see /api/board.',
    );
    for (const line of result.contexts) console.log(line);
  } finally {
    await infra.close();
  }
}
