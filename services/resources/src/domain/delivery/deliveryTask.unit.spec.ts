import { describe, expect, it } from 'vitest';
import { BackboneError, GrantAwarded } from '@backbone/contracts';
import { deliveryTaskFor, deliveryTaskIdFor } from './deliveryTask.ts';
import type { GrantAwardedData } from './deliveryTask.ts';
import { awarded, ENDS, FIELD, GRANT_ID, SPONSOR } from '../testing/resourceFixtures.ts';

const award: GrantAwardedData = GrantAwarded.schema.parse(awarded().data);

describe('deliveryTaskFor', () => {
  it('asks the tasks context for a task in the grant’s field, led by the sponsoring department, due at the grant’s end', () => {
    expect(deliveryTaskFor(award, GRANT_ID)).toEqual({
      taskId: 'task-grant-grant-0001',
      create: {
        title: 'Deliver: Volunteer mentors for tech start-ups',
        description:
          'Deliver the project funded by incubation grant grant-0001 (250000.00 yuan from call call-2025-tech, ' +
          'pool pool-2025-incubation, application app-0001) by 2025-12-31T16:00:00.000Z.',
        field: FIELD,
        dueDate: ENDS,
      },
      assign: { lead: SPONSOR, supporting: [] },
    });
  });
  it('names the same task for a redelivered award, so no second task is created', () => {
    expect(deliveryTaskFor(award).taskId).toBe(deliveryTaskFor(structuredClone(award), GRANT_ID).taskId);
    expect(deliveryTaskIdFor('grant-0002')).not.toBe(deliveryTaskFor(award).taskId);
  });
  it('writes fen as yuan with two decimals', () => {
    expect(deliveryTaskFor({ ...award, amountFen: 1_005 }).create.description).toContain('(10.05 yuan');
    expect(deliveryTaskFor({ ...award, amountFen: 7 }).create.description).toContain('(0.07 yuan');
  });
  it('keeps the title within the tasks context’s 200 characters', () => {
    expect(deliveryTaskFor({ ...award, title: 'x'.repeat(180) }).create.title.length).toBeLessThanOrEqual(200);
  });
  it('refuses a grant id that is not the award’s', () => {
    expect(() => deliveryTaskFor(award, 'grant-other')).toThrowError(BackboneError);
  });
});
