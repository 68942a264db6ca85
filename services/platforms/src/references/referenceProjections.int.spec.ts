import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import { otherContexts } from '../testing/otherContexts.ts';
import { openPlatformsFixture } from '../testing/platformsFixture.ts';
import type { PlatformsFixture } from '../testing/platformsFixture.ts';
import { projectAll } from '../testing/projectAll.ts';
import { SEEDED, seedReferences } from '../testing/seedReferences.ts';
import { referenceLookup } from './referenceFacts.ts';
import { platformResourceReferencesProjection, platformTalentReferencesProjection } from './referenceProjections.ts';

let fixture: PlatformsFixture;

beforeEach(async () => {
  fixture = openPlatformsFixture();
  await seedReferences(fixture.others);
  await fixture.project();
});
afterEach(async () => {
  await fixture.close();
});

const everything = {
  policies: [SEEDED.policy, 'policy-unknown'],
  grants: [SEEDED.grant, SEEDED.revokedGrant, 'grant-unknown'],
  people: [SEEDED.certified, SEEDED.tiered, SEEDED.volunteer, SEEDED.erased, 'person-unknown'],
};

describe('the platforms context’s own copies of resources and talent facts', () => {
  it('knows issued policies, awarded and revoked grants, and people with their qualifications', async () => {
    const facts = await referenceLookup(fixture.views)(everything);
    expect([...facts.policies.values()]).toEqual([
      { policyId: SEEDED.policy, kind: 'policy', fields: ['new-employment-groups'], issuedBy: 'social-work' },
    ]);
    expect([...facts.grants.values()].map((g) => [g.grantId, g.revoked])).toEqual([
      [SEEDED.grant, false],
      [SEEDED.revokedGrant, true],
    ]);
    expect(Object.fromEntries(facts.people)).toEqual({
      [SEEDED.certified]: { personId: SEEDED.certified, erased: false, certified: true },
      [SEEDED.tiered]: { personId: SEEDED.tiered, erased: false, certified: false, tier: 'entry' },
      [SEEDED.volunteer]: { personId: SEEDED.volunteer, erased: false, certified: false },
      [SEEDED.erased]: { personId: SEEDED.erased, erased: true, certified: false },
    });
  });

  it('reads only the ids asked for, and nothing for an empty list', async () => {
    const facts = await referenceLookup(fixture.views)({ people: [SEEDED.volunteer, SEEDED.volunteer] });
    expect([...facts.people.keys()]).toEqual([SEEDED.volunteer]);
    expect(facts.policies.size + facts.grants.size).toBe(0);
  });

  it('regression: a resources aggregate and a talent aggregate with the same id are both projected', async () => {
    // In distributed mode each context may keep its own store, so ids of two contexts can meet. The
    // view store dedupes by subject: one projection over both topics would drop the second one's events.
    const dir = mkdtempSync(join(tmpdir(), 'platforms-talent-store-'));
    const talentStore = createSqliteEventStore({ path: join(dir, 'events.db') });
    try {
      const shared = 'shared-id-7';
      await fixture.others.resources(shared, 'social-work', [
        { type: 'PolicyIssued', data: { policyId: shared, kind: 'mechanism', fields: ['field-4'], issuedBy: 'social-work', title: 'Joint mechanism' } },
      ]);
      await otherContexts(talentStore).talent(shared, 'civil-affairs', [
        { type: 'PersonRegistered', data: { personId: shared, kind: 'volunteer', sector: 'enterprise', fields: ['field-4'], registeredBy: 'civil-affairs', externalRefHash: 'e'.repeat(64) } },
      ]);
      await fixture.project();
      await projectAll(talentStore, fixture.views, [platformResourceReferencesProjection(), platformTalentReferencesProjection()]);
      const facts = await referenceLookup(fixture.views)({ policies: [shared], people: [shared] });
      expect(facts.policies.has(shared)).toBe(true);
      expect(facts.people.has(shared)).toBe(true);
    } finally {
      await talentStore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes nothing when every event is delivered again', async () => {
    const before = await referenceLookup(fixture.views)(everything);
    await projectAll(fixture.store, fixture.views, [platformResourceReferencesProjection(), platformTalentReferencesProjection()]);
    expect(await referenceLookup(fixture.views)(everything)).toEqual(before);
  });
});
