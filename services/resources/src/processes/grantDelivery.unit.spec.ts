import { describe, expect, it } from 'vitest';
import { deliveryTaskFor } from '../domain/index.ts';
import type { GrantAwardedData } from '../domain/index.ts';
import { deliveryTaskAt } from './grantDelivery.ts';

const award: GrantAwardedData = {
  grantId: 'pool-1.grant-1',
  applicationId: 'application-1',
  callId: 'pool-1.call-1',
  poolId: 'pool-1',
  amountFen: 25_000_000,
  sponsoringDepartment: 'science-technology',
  field: 'technology-development-support',
  title: 'Volunteer mentors for tech start-ups',
  endsAt: '2025-12-31T16:00:00.000Z',
};

describe('deliveryTaskAt', () => {
  it('is the delivery task of the award, due at the grant’s end, while the end is ahead', () => {
    expect(deliveryTaskAt(award, new Date('2025-04-10T09:00:00.000Z'))).toEqual(deliveryTaskFor(award));
    expect(deliveryTaskAt(award, new Date('2025-04-10T09:00:00.000Z'))).toMatchObject({
      taskId: 'task-grant-pool-1.grant-1',
      create: { dueDate: award.endsAt, field: award.field },
      assign: { lead: 'science-technology', supporting: [] },
    });
  });

  it('is due one hour after now when the grant’s end has passed (the tasks context refuses a past due date)', () => {
    const late = deliveryTaskAt(award, new Date('2026-01-05T00:00:00.000Z'));
    expect(late.create.dueDate).toBe('2026-01-05T01:00:00.000Z');
    expect(late.create.description).toContain('by 2025-12-31T16:00:00.000Z');
    expect(late.create.description).toContain('ended before this task was created');
    expect(deliveryTaskAt(award, new Date(award.endsAt)).create.dueDate).toBe('2025-12-31T17:00:00.000Z');
  });
});
