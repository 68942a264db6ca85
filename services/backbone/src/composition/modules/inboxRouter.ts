import { startInboxRouter } from '@backbone/service-inbox-router';
import type { ContextModule } from '../contextModule.ts';

/**
 * The router that copies every event concerning a department to `backbone.inbox.<department>.v1`
 * (DESIGN.md §2), so a department system can be granted exactly its own inbox. A process
 * manager without an API of its own, run by the `inbox-router` target: the one process whose
 * Kafka principal may write department inboxes (infra/kafka-acl/acls.json).
 */
export const inboxRouterModule: ContextModule = {
  processTarget: 'inbox-router',
  projections: () => [],
  processes: async (deps) => {
    const router = await startInboxRouter({
      bus: deps.infra.bus,
      views: deps.infra.views,
      registry: deps.handlers.registry,
      metrics: deps.metrics,
      logger: deps.logger,
    });
    return () => router.stop();
  },
};
