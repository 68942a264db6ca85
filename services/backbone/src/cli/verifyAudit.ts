import { verifyChain } from '@backbone/eventsourcing';
import type { StoredEvent } from '@backbone/eventsourcing';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { openInfrastructure } from '../composition/infrastructure.ts';
import { progressBar } from './progressBar.ts';

/** `backbone verify-audit`: recomputes every stream's hash chain; exits 1 at the first break. */
export async function verifyAuditCommand(config: Config, logger: Logger): Promise<boolean> {
  const infra = openInfrastructure(config, { logger, metrics: new Registry() });
  try {
    const head = (await infra.store.headPosition()) ?? 0;
    const bar = progressBar('verify-audit');
    const streams = new Map<string, StoredEvent[]>();
    let after: number | undefined;
    for (;;) {
      const page = await infra.store.readAll({ after, limit: 1000 });
      if (page.length === 0) break;
      for (const event of page) streams.set(event.stream, [...(streams.get(event.stream) ?? []), event]);
      after = page[page.length - 1]!.position;
      bar.update(after, head);
    }
    const events = [...streams.values()].flat();
    const verdict = verifyChain(events);
    if (verdict.ok) {
      bar.finish(`audit chain intact: ${verdict.checked} events in ${streams.size} streams`);
      return true;
    }
    bar.finish(`audit chain BROKEN in stream ${verdict.stream} at version ${verdict.streamversion} (event ${verdict.eventId}): ${verdict.reason}`);
    return false;
  } finally {
    await infra.close();
  }
}
