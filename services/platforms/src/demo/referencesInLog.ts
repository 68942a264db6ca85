import { resourceEvents, talentEvents } from '@backbone/contracts';
import type { EventRegistry, ResourceEvent, TalentEvent } from '@backbone/contracts';
import type { EventStore } from '@backbone/eventsourcing';
import type { GrantFacts, PersonFacts, PolicyFacts, ReferenceFacts } from '../domain/index.ts';
import { readContextEvent } from '@backbone/contracts';
import { defaultRegistry } from '../references/contextEvents.ts';
import { personFactChange, personIdOf, resourceFactChange } from '../references/referenceProjections.ts';

/** Each id's facts after each event that changed them, oldest first. */
type Timelines<T> = Map<string, { readonly at: number; readonly facts: T }[]>;

/** The resources and talent facts of the log, as they stood at any instant. */
export interface LoggedReferences {
  /** What a reference projection would have known at `instant`. */
  at(instant: number): ReferenceFacts;
}

const PAGE = 500;

function record<T>(timelines: Timelines<T>, id: string, at: number, facts: T): void {
  const timeline = timelines.get(id) ?? [];
  timeline.push({ at, facts });
  timelines.set(id, timeline);
}

const latest = <T>(timelines: Timelines<T>, id: string): T | undefined => timelines.get(id)?.at(-1)?.facts;

function asOf<T>(timelines: Timelines<T>, instant: number): Map<string, T> {
  const known = new Map<string, T>();
  for (const [id, timeline] of timelines) {
    const facts = timeline.findLast((entry) => entry.at <= instant)?.facts;
    if (facts !== undefined) known.set(id, facts);
  }
  return known;
}

/**
 * Reads the resources and talent facts straight from the log, with the same folds as the
 * reference projections. Only the demo does this: it writes a quarter into a store that no
 * projection is tailing yet, on a clock it moves through the quarter.
 */
export async function referencesInLog(store: EventStore, registry: EventRegistry = defaultRegistry): Promise<LoggedReferences> {
  const policies: Timelines<PolicyFacts> = new Map();
  const grants: Timelines<GrantFacts> = new Map();
  const people: Timelines<PersonFacts> = new Map();
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: PAGE });
    if (page.length === 0) break;
    for (const { envelope, position } of page) {
      after = position;
      const at = Date.parse(envelope.time);
      const resource = readContextEvent<ResourceEvent>(registry, envelope, 'resources', resourceEvents);
      if (resource) {
        const change = resourceFactChange(resource, resource.type === 'GrantRevoked' ? latest(grants, resource.data.grantId) : undefined);
        if (change?.policy) record(policies, change.policy.policyId, at, change.policy);
        if (change?.grant) record(grants, change.grant.grantId, at, change.grant);
        continue;
      }
      const talent = readContextEvent<TalentEvent>(registry, envelope, 'talent', talentEvents);
      const personId = talent ? personIdOf(talent) : undefined;
      if (!talent || personId === undefined) continue;
      const person = personFactChange(talent, latest(people, personId));
      if (person) record(people, personId, at, person);
    }
  }
  return { at: (instant) => ({ policies: asOf(policies, instant), grants: asOf(grants, instant), people: asOf(people, instant) }) };
}
