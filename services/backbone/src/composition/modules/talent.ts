import type { Registry } from 'prom-client';
import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import {
  createTalentApi,
  createTalentCommandHandlers,
  createTalentDirectory,
  loadTalentEnv,
  openSqlitePersonalData,
  readTalentBoard,
  registerTalentGauges,
  resolveTalentConfig,
  runTalentDemo,
  TALENT_BOARD,
  talentBoardProjection,
} from '@backbone/service-talent';
import type { TalentCommandHandlers, TalentDirectory } from '@backbone/service-talent';
import { modeOf } from '../../config.ts';
import type { ContextModule } from '../contextModule.ts';
import type { Runtime } from '../contexts.ts';
import type { DirectorySource } from '../directorySource.ts';
import type { Infrastructure } from '../infrastructure.ts';

/** The talent handlers on this process's store; aggregate ids are `talent-<kind>-<uuid>`, their stream names. */
function talentHandlers(infra: Infrastructure, runtime: Runtime, metrics?: Registry): TalentCommandHandlers {
  return createTalentCommandHandlers({
    metrics,
    store: infra.store,
    idempotency: infra.idempotency,
    registry: createEventRegistry(allEventDefinitions),
    clock: runtime.clock,
    newId: runtime.newId,
  });
}

const talentDirectoryOf = (directory: DirectorySource) => async (): Promise<TalentDirectory> => {
  const lists = await directory.require();
  return createTalentDirectory({ coordinating: lists.coordinating, departments: lists.departments.map((d) => d.id), fields: lists.fields.map((f) => f.id) });
};

/**
 * The talent context (Task 3, Actions 1, 2, 4): its API under /api/talent, the talent-board
 * projection, `sections.talent` of the one board with `backbone_talent_*` gauges, and its
 * share of the demo quarter. Personal data lives in this process's own SQLite file
 * (TALENT_PERSONAL_DATA_PATH, default DATA_DIR/talent-personal.db) in both modes.
 */
export const talentModule: ContextModule = {
  api: {
    target: 'talent',
    prefix: '/api/talent',
    router(deps) {
      const config = resolveTalentConfig(loadTalentEnv(process.env), { dataDir: deps.config.DATA_DIR });
      const fromEnv = config.externalRefKeySource === 'env';
      deps.logger.info({ personalData: config.personalDataPath, externalRefKey: fromEnv ? 'TALENT_EXTERNAL_REF_KEY' : config.externalRefKeySource }, 'talent personal data');
      if (!fromEnv && modeOf(deps.config) === 'distributed') {
        deps.logger.warn('TALENT_EXTERNAL_REF_KEY is not set: using a development key from DATA_DIR; talent processes on other hosts would hash external ids differently');
      }
      // Open for the life of the process: the module has no stop hook, and SQLite needs no goodbye to stay consistent.
      const personal = openSqlitePersonalData({ path: config.personalDataPath });
      return createTalentApi({
        handlers: talentHandlers(deps.infra, deps.runtime, deps.metrics),
        personalData: personal.personalData,
        externalRefs: personal.externalRefs,
        externalRefKey: config.externalRefKey,
        directory: talentDirectoryOf(deps.directory),
        clock: deps.runtime.clock,
        newId: deps.runtime.newId,
      });
    },
  },
  projections: () => [talentBoardProjection()],
  board(deps) {
    const fields = async () => (await deps.directory.require()).fields.map((f) => f.id);
    registerTalentGauges({ registry: deps.metrics, views: deps.infra.views, fields });
    const reader = deps.infra.views.reader(TALENT_BOARD);
    return { name: 'talent', read: async () => readTalentBoard(reader, { fields: await fields() }) };
  },
  demo: (demo) =>
    runTalentDemo({
      handlers: talentHandlers(demo.infra, demo.runtime),
      directory: createTalentDirectory({ coordinating: demo.coordinating, departments: demo.departments, fields: demo.fields }),
      clock: demo.runtime.clock,
      advanceTo: demo.advanceTo,
      start: demo.start,
      end: demo.end,
      random: demo.random,
      newId: demo.runtime.newId,
    }),
};
