import type { Registry } from 'prom-client';
import { allEventDefinitions, createEventRegistry, platformEvents } from '@backbone/contracts';
import { createCommandHandler } from '@backbone/eventsourcing';
import type { CommandHandler } from '@backbone/eventsourcing';
import {
  createPlatformDirectory,
  createPlatformsApi,
  platformDecider,
  platformResourceReferencesProjection,
  platformsBoardProjection,
  platformsBoardSection,
  platformTalentReferencesProjection,
  referenceLookup,
  registerPlatformsGauges,
  runPlatformsDemo,
} from '@backbone/service-platforms';
import type { PlatformCommand, PlatformState } from '@backbone/service-platforms';
import type { ContextModule } from '../contextModule.ts';
import type { Runtime } from '../contexts.ts';
import type { Infrastructure } from '../infrastructure.ts';

/** The platform handler on this process's store; a platform's id is its stream name. */
function platformHandler(infra: Infrastructure, runtime: Runtime, metrics?: Registry): CommandHandler<PlatformCommand, PlatformState> {
  return createCommandHandler({
    metrics,
    store: infra.store,
    idempotency: infra.idempotency,
    registry: createEventRegistry(allEventDefinitions),
    context: 'platforms',
    decider: platformDecider,
    events: platformEvents,
    streamName: (id) => id,
    clock: runtime.clock,
    newId: runtime.newId,
  });
}

/**
 * Action 5 and Task 4: town/street platforms and their four integrations under /api/platforms,
 * the platforms' own copies of the resources and talent facts they check references against,
 * `sections.platforms` of the one board (coverage, volume, breadth, professional share, trend)
 * with `backbone_platforms_*` gauges, and their share of the demo quarter.
 */
export const platformsModule: ContextModule = {
  api: {
    target: 'platforms',
    prefix: '/api/platforms',
    router(deps) {
      return createPlatformsApi({
        handler: platformHandler(deps.infra, deps.runtime, deps.metrics),
        directory: async () => {
          const lists = await deps.directory.require();
          return createPlatformDirectory({ coordinating: lists.coordinating, departments: lists.departments.map((d) => d.id), fields: lists.fields.map((f) => f.id) });
        },
        references: referenceLookup(deps.infra.views),
        clock: deps.runtime.clock,
        newId: deps.runtime.newId,
      });
    },
  },
  projections: () => [platformResourceReferencesProjection(), platformTalentReferencesProjection(), platformsBoardProjection()],
  board(deps) {
    const options = {
      views: deps.infra.views,
      clock: deps.runtime.clock,
      fieldsInPlan: async () => (await deps.directory.require()).fields.length,
    };
    registerPlatformsGauges({ registry: deps.metrics, ...options });
    return platformsBoardSection(options);
  },
  demo: (demo) =>
    runPlatformsDemo({
      handler: platformHandler(demo.infra, demo.runtime),
      store: demo.infra.store,
      clock: demo.runtime.clock,
      advanceTo: demo.advanceTo,
      newId: demo.runtime.newId,
      start: demo.start,
      end: demo.end,
      coordinating: demo.coordinating,
      departments: demo.departments,
      fields: demo.fields,
      random: demo.random,
    }),
};
