import { chainVerifier } from '@backbone/eventsourcing';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { openInfrastructure } from '../composition/infrastructure.ts';
import { progressBar } from './progressBar.ts';

/**
 * `backbone verify-audit`: recomputes every stream's hash chain, reading the log a page at a time
 * and keeping one link per stream; exits 1 at the first break (in log order).
 */
export async function verifyAuditCommand(config: Config, logger: Logger): Promise<boolean> {
  const infra = openInfrastructure(config, { logger, metrics: new Registry() });
  try {
    const head = (await infra.store.headPosition()) ?? 0;
    const bar = progressBar('verify-audit');
    const verifier = chainVerifier();
    let after: number | undefined;
    for (;;) {
      const page = await infra.store.readAll({ after, limit: 1000 });
      if (page.length === 0) break;
      for (const event of page) {
        const broken = verifier.check(event);
        if (broken) {
          bar.finish(`audit chain BROKEN in stream ${broken.stream} at version ${broken.streamversion} (event ${broken.eventId}): ${broken.reason}`);
          return false;
        }
      }
      after = page[page.length - 1]!.position;
      bar.update(after, head);
    }
    bar.finish(`audit chain intact: ${verifier.checked} events in ${verifier.streams} streams`);
    return true;
  } finally {
    await infra.close();
  }
}
