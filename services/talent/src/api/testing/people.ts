import { randomUUID } from 'node:crypto';
import { FIELD } from '../../domain/testing/talentFixtures.ts';

/** A registration body with a fresh external id (override anything). */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'social-worker',
    sector: 'community',
    fields: [FIELD],
    externalId: `51070119${randomUUID().slice(0, 10)}`,
    name: '王小明',
    contact: '+86 816 000 0000',
    identityNumber: `ID-${randomUUID()}`,
    ...overrides,
  };
}
