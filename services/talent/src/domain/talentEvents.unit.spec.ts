import { describe, expect, it } from 'vitest';
import { allEventDefinitions, talentEvents } from '@backbone/contracts';

describe('talent event contracts', () => {
  it('publishes every talent event under gov.backbone.talent.<Name>.v1', () => {
    const talent = allEventDefinitions.filter((d) => d.context === 'talent').map((d) => d.type).sort();
    expect(talent).toEqual(Object.values(talentEvents).map((d) => `gov.backbone.talent.${d.name}.v1`).sort());
  });
  it('refuses an unknown sector or tier, and non-positive hours', () => {
    const registered = { personId: 'p', kind: 'expert', sector: 'university', fields: ['f'], registeredBy: 'd', externalRefHash: 'a'.repeat(64) };
    expect(talentEvents.PersonRegistered.schema.safeParse(registered).success).toBe(true);
    expect(talentEvents.PersonRegistered.schema.safeParse({ ...registered, sector: 'guild' }).success).toBe(false);
    expect(talentEvents.PersonRegistered.schema.safeParse({ ...registered, externalRefHash: 'id-123' }).success).toBe(false);
    const opened = { roundId: 'r', field: 'f', tier: 'entry', closesAt: '2025-05-01T00:00:00Z' };
    expect(talentEvents.SelectionRoundOpened.schema.safeParse(opened).success).toBe(true);
    expect(talentEvents.SelectionRoundOpened.schema.safeParse({ ...opened, tier: 'master' }).success).toBe(false);
    const hours = { personId: 'p', field: 'f', hours: 2, servedOn: '2025-03-01' };
    expect(talentEvents.ServiceHoursLogged.schema.safeParse(hours).success).toBe(true);
    expect(talentEvents.ServiceHoursLogged.schema.safeParse({ ...hours, hours: -2 }).success).toBe(false);
    expect(talentEvents.CourseCompleted.schema.safeParse({ personId: 'p', courseId: 'c', hours: 0 }).success).toBe(false);
  });
});
