import type { ViewStore } from '@backbone/views';
import type { GrantFacts, PersonFacts, PolicyFacts, ReferenceFacts } from '../domain/index.ts';
import { GRANTS, PEOPLE, PLATFORM_RESOURCE_REFERENCES, PLATFORM_TALENT_REFERENCES, POLICIES } from './referenceProjections.ts';

/** The ids of other contexts one command names. */
export interface ReferencedIds {
  readonly policies?: readonly string[];
  readonly grants?: readonly string[];
  readonly people?: readonly string[];
}

/** Reads what the platforms context knows of other contexts' ids, for a command. */
export type ReferenceLookup = (ids: ReferencedIds) => Promise<ReferenceFacts>;

async function byId<T>(read: (ids: readonly string[]) => Promise<(T | undefined)[]>, ids: readonly string[] | undefined) {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return new Map<string, T>();
  const found = await read(unique);
  return new Map(unique.flatMap((id, i) => (found[i] === undefined ? [] : [[id, found[i]] as const])));
}

/**
 * The facts of the named ids, from the platforms context's own reference projections (never
 * from another service). An id the projections have not seen is absent from its map.
 */
export function referenceLookup(views: ViewStore): ReferenceLookup {
  const resources = views.reader(PLATFORM_RESOURCE_REFERENCES);
  const talent = views.reader(PLATFORM_TALENT_REFERENCES);
  return async (ids) => {
    const [policies, grants, people] = await Promise.all([
      byId<PolicyFacts>((list) => resources.getMany(POLICIES, list), ids.policies),
      byId<GrantFacts>((list) => resources.getMany(GRANTS, list), ids.grants),
      byId<PersonFacts>((list) => talent.getMany(PEOPLE, list), ids.people),
    ]);
    return { policies, grants, people };
  };
}
