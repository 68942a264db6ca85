import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordToEnvelope, createRelay } from '@backbone/messaging';
import { createDevKeyStore, createServiceApp, listen } from '@backbone/service-kit';
import type { ListeningServer, ReadinessCheck } from '@backbone/service-kit';
import { DIRECTORY_ID, REFERENCE_DIRECTORY } from '@backbone/service-reference';
import { startProjection } from '@backbone/views';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config, Target } from '../config.ts';
import { publishedAsyncApiDocument } from '../interop/publishedAsyncApi.ts';
import { createCommandHandlers, systemRuntime } from './contexts.ts';
import type { Runtime } from './contexts.ts';
import type { ModuleDeps } from './contextModule.ts';
import { directorySource } from './directorySource.ts';
import { openInfrastructure } from './infrastructure.ts';
import { mountApis, startProcesses, allProjections } from './targets.ts';

const RELAY_IDLE_MS = 50;

export interface RunningBackbone {
  readonly url: string;
  readonly mode: 'embedded' | 'distributed';
  readonly targets: readonly Target[];
  stop(): Promise<void>;
}

/**
 * Starts the parts of the backbone named in `config.TARGETS` on the adapters the config
 * selects: the one code path of both modes. Every process serves /healthz, /readyz, /metrics.
 */
export async function startBackbone(config: Config, logger: Logger, runtime: Runtime = systemRuntime): Promise<RunningBackbone> {
  const metrics = new Registry();
  metrics.setDefaultLabels({ process: config.PROCESS_NAME });
  collectDefaultMetrics({ register: metrics, prefix: 'backbone_process_' });

  const infra = openInfrastructure(config, { logger, metrics });
  const handlers = createCommandHandlers(infra.store, infra.idempotency, runtime, metrics);
  const directory = directorySource(infra.views, async () => (await handlers.reference.load(DIRECTORY_ID)).version);
  const targets = new Set(config.TARGETS);
  const stops: (() => Promise<void>)[] = [];

  const readiness: ReadinessCheck[] = [
    { name: 'event-store', check: async () => void (await infra.store.headPosition()) },
    { name: 'view-store', check: async () => void (await infra.views.liveVersion(REFERENCE_DIRECTORY)) },
  ];
  const decidesWithDirectory: readonly Target[] = ['tasks', 'resources', 'talent', 'platforms', 'processes'];
  if (decidesWithDirectory.some((t) => targets.has(t))) {
    readiness.push({ name: 'reference-directory', check: async () => void (await directory.require()) });
  }

  const keys = createDevKeyStore(config.KEYS_DIR ?? join(config.DATA_DIR, 'keys'));
  const service = createServiceApp({
    name: 'coordination-backbone',
    logger,
    metrics,
    keys,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    readiness,
    rateLimit: { perMinute: config.RATE_LIMIT_PER_MINUTE, burst: Math.max(60, Math.ceil(config.RATE_LIMIT_PER_MINUTE / 10)) },
    now: runtime.clock,
    publicPaths: ['GET /asyncapi.json'],
    // A credential must name a department of the directory; the directory decides, not the key.
    isKnownDepartment: async (department) => (await directory.require()).departments.some((d) => d.id === department),
  });
  // The published event contract: every topic and event type, generated from the zod schemas.
  const asyncApi = publishedAsyncApiDocument({ version: '1.0.0' });
  service.app.get('/asyncapi.json', (_req, res) => {
    res.json(asyncApi);
  });

  const stopAll = async () => {
    // Stop consumers and the relay before closing the stores they write to.
    for (const stop of stops.reverse()) await stop();
    await infra.close();
  };

  let server: ListeningServer;
  try {
    const referenceConfig = JSON.parse(readFileSync(config.REFERENCE_CONFIG, 'utf8')) as unknown;
    const moduleDeps = { config, infra, runtime, directory, handlers, metrics, logger };
    await mountApis({ ...moduleDeps, service, targets, referenceConfig });
    await startWorkers(moduleDeps, targets, stops);
    server = await listen(service.finalize(), { port: config.PORT, host: config.HOST });
  } catch (error) {
    // A half-started process must not keep consumers, timers or files open.
    await stopAll().catch((closing: unknown) => logger.error({ err: closing }, 'cleaning up after a failed start'));
    throw error;
  }
  logger.info({ url: server.url, mode: infra.mode, targets: [...targets] }, 'backbone listening');

  return {
    url: server.url,
    mode: infra.mode,
    targets: [...targets],
    async stop() {
      await server.close();
      await stopAll();
    },
  };
}

/**
 * Starts the projections, the relay and the process managers this process's targets name,
 * adding how to stop each to `stops` as soon as it runs (so a failed start can undo the rest).
 */
async function startWorkers(deps: ModuleDeps, targets: ReadonlySet<Target>, stops: (() => Promise<void>)[]): Promise<void> {
  const { infra, metrics, logger } = deps;
  if (targets.has('projections')) {
    for (const projection of allProjections()) {
      const running = await startProjection({ projection, bus: infra.bus, viewStore: infra.views, decode: recordToEnvelope, metrics, logger });
      stops.push(() => running.stop());
    }
  }
  if (targets.has('relay')) {
    // Polls every RELAY_IDLE_MS for appends by other processes; appends by this one wake it at once.
    const relay = createRelay({ store: infra.store, bus: infra.bus, checkpoints: infra.checkpoints, name: 'store-to-bus', idleMs: RELAY_IDLE_MS, metrics, logger });
    infra.onAppended(() => relay.notify());
    relay.start();
    stops.push(() => relay.stop());
  }
  stops.push(await startProcesses(deps, targets));
}
