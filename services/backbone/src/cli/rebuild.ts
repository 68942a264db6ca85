import { rebuildProjection } from '@backbone/views';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { openInfrastructure } from '../composition/infrastructure.ts';
import { allProjections } from '../composition/targets.ts';
import { progressBar } from './progressBar.ts';

/** `backbone rebuild <projection>|all`: rebuilds views beside the live ones and switches when caught up. */
export async function rebuildCommand(config: Config, logger: Logger, name: string): Promise<void> {
  const projections = allProjections();
  const chosen = name === 'all' ? projections : projections.filter((p) => p.name === name);
  if (chosen.length === 0) {
    throw new Error(`unknown projection "${name}"; choose all or one of: ${projections.map((p) => p.name).join(', ')}`);
  }
  const infra = openInfrastructure(config, { logger, metrics: new Registry() });
  try {
    for (const projection of chosen) {
      const bar = progressBar(`rebuild ${projection.name}`);
      const result = await rebuildProjection({
        projection,
        store: infra.store,
        viewStore: infra.views,
        batchSize: 1000,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.finish(`${projection.name}: version ${result.version} live, ${result.events} events in ${result.seconds.toFixed(1)} s`);
    }
  } finally {
    await infra.close();
  }
}
