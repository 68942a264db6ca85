// Service part of the HTTP benchmark: the backbone's HTTP stack over a command handler that writes
// nothing. Not a backbone: it measures what the HTTP layer alone leaves of bare express's rate.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CommandHandler } from '@backbone/eventsourcing';
import { createDevKeyStore, createLogger, createServiceApp, issueToken, listen } from '@backbone/service-kit';
import { createTasksApi, createTaskDirectory } from '@backbone/service-tasks';
import type { TaskCommand, TaskState } from '@backbone/service-tasks';
import { Registry } from 'prom-client';
import type { RunningService } from '../../harness/protocol.ts';
import type { ServerInfo } from './backboneServer.ts';

const ISSUER = 'bench-http-stack';
const AUDIENCE = 'bench-http-stack';
/** Versions kept per task for the answers; the load opens a task in three commands, so few are needed at once. */
const KEPT_VERSIONS = 10_000;

/**
 * The service kit's app as the backbone builds it (correlation id, request metrics and log,
 * timeout, JWT authentication, rate limit raised out of the way, the JSON body limits, problem
 * details) with the tasks API's routes and zod schemas mounted, over a command handler that
 * decides nothing and stores nothing: each command answers its task's next version at once.
 */
export async function httpStackServer(input: { dataDir: string }): Promise<RunningService<ServerInfo>> {
  const keys = createDevKeyStore(join(input.dataDir, 'keys'));
  const service = createServiceApp({
    name: 'bench-http-stack',
    logger: createLogger({ name: 'bench-http-stack', level: 'silent' }),
    metrics: new Registry(),
    keys,
    issuer: ISSUER,
    audience: AUDIENCE,
    rateLimit: { perMinute: 100_000_000, burst: 10_000_000 },
    isKnownDepartment: async () => true,
  });
  const versions = new Map<string, number>();
  const handler: CommandHandler<TaskCommand, TaskState> = {
    async handle({ aggregateId }) {
      const version = (versions.get(aggregateId) ?? 0) + 1;
      if (versions.size >= KEPT_VERSIONS) versions.clear();
      versions.set(aggregateId, version);
      return { id: aggregateId, version, eventIds: [randomUUID()], events: [], replayed: false };
    },
    async load() {
      throw new Error('the HTTP stack server stores no task');
    },
  };
  const directory = createTaskDirectory({ coordinating: 'social-work', departments: ['social-work', 'civil-affairs'], fields: [] });
  service.mount(
    '/api/tasks',
    createTasksApi({ handler, directory: async () => directory, clock: () => new Date(), newTaskId: () => `task-${randomUUID()}` }),
  );
  const server = await listen(service.finalize(), { port: 0, host: '127.0.0.1' });
  const token = (department: string) => issueToken({ department, keys, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 3600 });
  return {
    info: { url: server.url, tokens: { coordinating: await token('social-work'), lead: await token('civil-affairs') } },
    stop: async () => {
      await server.close();
      return undefined;
    },
  };
}
