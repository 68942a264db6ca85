import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { practiceBaseDecider } from './practiceBase.ts';
import type { PracticeBaseEvent } from './practiceBase.ts';
import { BASE_ID, designateBase, FIELD, OTHER_FIELD } from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(practiceBaseDecider);
const designated: PracticeBaseEvent = {
  type: 'PracticeBaseDesignated',
  data: { baseId: BASE_ID, universityOrgId: 'southwest-university-of-science-and-technology', fields: [FIELD, OTHER_FIELD] },
} as const;

describe('designate a practice base', () => {
  it('designates a university for known fields', () => {
    spec.given([]).when(designateBase({ fields: [FIELD, OTHER_FIELD] })).then([designated]);
  });
  it('refuses unknown, missing or repeated fields (400)', () => {
    spec.given([]).when(designateBase({ fields: ['astrology'] })).thenThrows('unknown-field');
    spec.given([]).when(designateBase({ fields: [] })).thenThrows('fields-required');
    spec.given([]).when(designateBase({ fields: [FIELD, FIELD] })).thenThrows('no-duplicate-fields');
  });
  it('designates a base once (practice-base-already-exists, 409)', () => {
    spec.given([designated]).when(designateBase()).thenThrows('practice-base-already-exists');
  });
});
