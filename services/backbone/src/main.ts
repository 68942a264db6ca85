// `pnpm start`: the one binary. Embedded by default; KAFKA_BROKERS + REDIS_URL + TARGETS make
// it one part of the distributed deployment.
import { createLogger } from '@backbone/service-kit';
import { loadConfig } from './config.ts';
import { startBackbone } from './composition/startBackbone.ts';

const config = loadConfig(process.env);
const logger = createLogger({ name: config.PROCESS_NAME, level: config.LOG_LEVEL });

try {
  const backbone = await startBackbone(config, logger);
  console.log(`coordination backbone (${backbone.mode}: ${backbone.targets.join(', ')}) at ${backbone.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    backbone.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  logger.fatal({ err: error }, 'the backbone could not start');
  process.exit(1);
}
