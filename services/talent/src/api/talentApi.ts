import { createApiRouter } from '@backbone/service-kit';
import type { ApiRouter } from '@backbone/service-kit';
import type { TalentCommandHandlers } from '../commandHandling/talentCommandHandlers.ts';
import type { TalentDirectory } from '../domain/directory.ts';
import type { ExternalRefRegistry } from '../personalData/externalRefRegistry.ts';
import type { PersonalDataStore } from '../personalData/personalDataStore.ts';
import { incentivePolicyRoutes } from './incentivePolicyRoutes.ts';
import { peopleRoutes } from './peopleRoutes.ts';
import { practiceBaseRoutes } from './practiceBaseRoutes.ts';
import { selectionRoundRoutes } from './selectionRoundRoutes.ts';
import { thinkTankRoutes } from './thinkTankRoutes.ts';

export interface TalentApiOptions {
  readonly handlers: TalentCommandHandlers;
  /** The service's own personal-data stores (e.g. `openSqlitePersonalData`). */
  readonly personalData: PersonalDataStore;
  readonly externalRefs: ExternalRefRegistry;
  /** HMAC key of external ids (`resolveTalentConfig`). */
  readonly externalRefKey: string | Buffer;
  /** The reference directory as the talent context knows it (from the reference events). */
  readonly directory: () => Promise<TalentDirectory>;
  readonly clock: () => Date;
  /** Makes the uuid part of new aggregate ids (`talent-<kind>-<uuid>`). */
  readonly newId: () => string;
  /** See `PersonalDataBoundary.claimTimeoutMs`. */
  readonly claimTimeoutMs?: number;
}

/** The talent context's HTTP API (mount under `/api/talent`): every command of DESIGN.md §3 and each aggregate by id. */
export function createTalentApi(options: TalentApiOptions): ApiRouter {
  const { handlers, personalData, externalRefs, externalRefKey, clock, claimTimeoutMs } = options;
  const context = {
    handlers,
    boundary: { persons: handlers.person, personalData, externalRefs, externalRefKey, clock, ...(claimTimeoutMs === undefined ? {} : { claimTimeoutMs }) },
    directory: options.directory,
    clock,
    newId: options.newId,
  };
  return createApiRouter({
    name: 'talent',
    routes: [
      ...peopleRoutes(context),
      ...selectionRoundRoutes(context),
      ...incentivePolicyRoutes(context),
      ...practiceBaseRoutes(context),
      ...thinkTankRoutes(context),
    ],
  });
}
