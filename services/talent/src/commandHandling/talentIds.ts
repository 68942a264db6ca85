import { BackboneError } from '@backbone/contracts';
import { talentStreamName } from '../domain/streams.ts';
import type { TalentAggregate } from '../domain/streams.ts';

// A talent aggregate's id is its stream name, `talent-<aggregate>-<uuid>`: the envelope
// `subject` (the view stores' dedupe key) is unique across contexts and aggregate kinds, and
// an id of one kind can never load another kind's stream (or another context's).

/** A new id of the given kind. */
export const newTalentId = (aggregate: TalentAggregate, uuid: string): string => talentStreamName(aggregate, uuid);

/** Whether `id` names an aggregate of this kind. */
export function isTalentIdOf(aggregate: TalentAggregate, id: string): boolean {
  const prefix = talentStreamName(aggregate, '');
  return id.length > prefix.length && id.startsWith(prefix);
}

const NOT_FOUND_RULES: { readonly [K in TalentAggregate]: string } = {
  person: 'person-not-found',
  'selection-round': 'selection-round-not-found',
  'incentive-policy': 'incentive-policy-not-found',
  'practice-base': 'practice-base-not-found',
  'advice-note': 'advice-note-not-found',
};

/** The 404 for an aggregate that does not exist (or an id of another kind). */
export function talentNotFound(aggregate: TalentAggregate, id: string): BackboneError {
  return new BackboneError('not_found', `${aggregate} ${id} does not exist`, { rule: NOT_FOUND_RULES[aggregate] });
}

/** The stream of an id of this kind; any other id is a 404, so it never reaches another kind's stream. */
export function talentStreamOf(aggregate: TalentAggregate): (id: string) => string {
  return (id) => {
    if (!isTalentIdOf(aggregate, id)) throw talentNotFound(aggregate, id);
    return id;
  };
}
