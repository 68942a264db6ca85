// `pnpm start`: the one binary. Embedded by default; KAFKA_BROKERS + REDIS_URL + TARGETS make
// it one part of the distributed deployment.
import { shutdownOnSignals } from '@backbone/adapter-sdk/lifecycle';
import { createLogger } from '@backbone/service-kit';
import { loadConfig } from './config.ts';
import { startBackbone } from './composition/startBackbone.ts';

const config = loadConfig(process.env);
const logger = createLogger({ name: config.PROCESS_NAME, level: config.LOG_LEVEL });

try {
  const backbone = await startBackbone(config, logger);
  console.log(`coordination backbone (${backbone.mode}: ${backbone.targets.join(', ')}) at ${backbone.url}`);
  // SIGTERM/SIGINT stop it cleanly; a second signal, or 30 s without the stops finishing, exits regardless.
  shutdownOnSignals([backbone], { logger });
} catch (error) {
  logger.fatal({ err: error }, 'the backbone could not start');
  process.exit(1);
}
