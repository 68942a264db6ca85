import { describe, expect, it } from 'vitest';
import {
  AppointThinkTankMemberBody,
  CompleteCourseBody,
  GrantIncentiveBody,
  IssueIncentivePolicyBody,
  LogServiceHoursBody,
  OpenSelectionRoundBody,
  RegisterPersonBody,
  TALENT_COMMAND_TYPES,
  talentCommandData,
} from './commands.ts';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('talent command bodies', () => {
  it('every command has a data schema, and every schema is closed', () => {
    expect(TALENT_COMMAND_TYPES).toHaveLength(13);
    for (const schema of Object.values(talentCommandData)) expect(schema.safeParse({ unexpected: 1 }).success).toBe(false);
  });
  it('a registration carries the profile, the external id and the personal data', () => {
    const body = { kind: 'volunteer', sector: 'community', fields: ['new-employment-groups'], externalId: 'V-1', name: 'Li Hua' };
    expect(ok(RegisterPersonBody, body)).toBe(true);
    expect(ok(RegisterPersonBody, { ...body, externalId: undefined })).toBe(false);
    expect(ok(RegisterPersonBody, { ...body, name: ' ' })).toBe(false);
    expect(ok(RegisterPersonBody, { ...body, fields: [] })).toBe(false);
  });
  it('refuses negative, zero and finer-than-tenths hours before the decider sees them', () => {
    expect(ok(CompleteCourseBody, { courseId: 'c-1', hours: 1.5 })).toBe(true);
    expect(ok(CompleteCourseBody, { courseId: 'c-1', hours: -1 })).toBe(false);
    expect(ok(LogServiceHoursBody, { field: 'f', hours: 0, servedOn: '2025-03-01' })).toBe(false);
    expect(ok(LogServiceHoursBody, { field: 'f', hours: 1.25, servedOn: '2025-03-01' })).toBe(false);
    expect(ok(LogServiceHoursBody, { field: 'f', hours: 0.3, servedOn: '2025-03-01' })).toBe(true);
    expect(ok(LogServiceHoursBody, { field: 'f', hours: 25, servedOn: '2025-03-01' })).toBe(false);
  });
  it('a common policy may leave out its sectors; fen are whole and positive', () => {
    expect(IssueIncentivePolicyBody.parse({ scope: 'common', budgetFen: 1 })).toEqual({ scope: 'common', sectors: [], budgetFen: 1 });
    expect(ok(IssueIncentivePolicyBody, { scope: 'common', budgetFen: 0 })).toBe(false);
    expect(ok(GrantIncentiveBody, { policyId: 'p', amountFen: 10.5 })).toBe(false);
  });
  it('route bodies that name another aggregate are closed too', () => {
    expect(ok(AppointThinkTankMemberBody, { personId: 'p-1' })).toBe(true);
    expect(ok(AppointThinkTankMemberBody, { personId: 'p-1', kind: 'expert' })).toBe(false);
    expect(ok(OpenSelectionRoundBody, { field: 'f', tier: 'entry', closesAt: 'tomorrow' })).toBe(false);
  });
});
