// Service part of the HTTP benchmark: the backbone's HTTP stack over a command handler that writes
// nothing. Not a backbone: it measures what the HTTP layer alone leaves of bare express's rate.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CommandHandler } from '@backbone/eventsourcing';
import { createDevKeyStore, createLogger, createServiceApp, listen } from '@backbone/service-kit';
import { createTasksApi, createTaskDirectory } from '@backbone/service-tasks';
import type { TaskCommand, TaskCommandType, TaskState } from '@backbone/service-tasks';
import { Registry } from 'prom-client';
import type { RunningService } from '../../harness/protocol.ts';
import type { ServerInfo } from './backboneServer.ts';
import { issueLoadTokens } from './loadTokens.ts';

const ISSUER = 'bench-http-stack';
const AUDIENCE = 'bench-http-stack';
/** The version each command of the load's task opening leaves its task at, as bare express answers. */
const VERSION_AFTER: Partial<Record<TaskCommandType, number>> = { createTask: 1, assignTask: 2, acceptTask: 3 };

/**
 * The service kit's app as the backbone builds it (correlation id, request metrics and log,
 * timeout, JWT authentication, rate limit raised out of the way, the JSON body limits, problem
 * details) with the tasks API's routes and zod schemas mounted, over a command handler that
 * decides nothing and stores nothing: each command answers at once with the version it would leave.
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
  const handler: CommandHandler<TaskCommand, TaskState> = {
    async handle({ aggregateId, command }) {
      return { id: aggregateId, version: VERSION_AFTER[command.type] ?? 1, eventIds: [randomUUID()], events: [], replayed: false };
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
  return {
    info: { url: server.url, tokens: await issueLoadTokens(keys, ISSUER, AUDIENCE) },
    stop: async () => {
      await server.close();
      return undefined;
    },
  };
}
