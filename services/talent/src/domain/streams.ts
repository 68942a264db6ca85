/** The talent context's aggregates; each has its own streams in the context's store. */
export const TALENT_AGGREGATES = ['person', 'selection-round', 'incentive-policy', 'practice-base', 'advice-note'] as const;
export type TalentAggregate = (typeof TALENT_AGGREGATES)[number];

/** The stream of one aggregate: the kind is part of the name, so ids of different kinds never share a stream. */
export function talentStreamName(aggregate: TalentAggregate, id: string): string {
  return `talent-${aggregate}-${id}`;
}
