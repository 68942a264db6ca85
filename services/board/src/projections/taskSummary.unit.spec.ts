import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { describe, expect, it } from 'vitest';
import { quarterOfTasks } from '../testing/quarterOfTasks.ts';
import { taskStory } from '../testing/taskStory.ts';
import { readTaskEvent } from './taskEvents.ts';
import { foldTaskEvent } from './taskSummary.ts';
import type { TaskSummary } from './taskSummary.ts';

function fold(envelopes: readonly Envelope[]): TaskSummary | undefined {
  return envelopes.reduce<TaskSummary | undefined>((summary, envelope) => {
    const read = readTaskEvent(envelope);
    return read ? foldTaskEvent(summary, read.event, read.meta) : summary;
  }, undefined);
}

const byId = (tag: string) => new Map(quarterOfTasks(tag).map((s) => [s.taskId.split('-')[1], fold(s.envelopes)]));

describe('foldTaskEvent', () => {
  const tasks = byId('fold');

  it('follows a smooth task from creation to verification, its block lifted on the way', () => {
    expect(tasks.get('1')).toMatchObject({
      status: 'verified',
      progress: 100,
      lead: 'science-tech',
      supporting: ['civil-affairs'],
      accepted: ['science-tech', 'civil-affairs'],
      completedOnTime: true,
      rating: 4,
      version: 10,
    });
    expect(tasks.get('1')?.blocked).toBeUndefined();
  });

  it('takes a declining lead off the task, and a reassignment keeps the acceptance of a supporter kept on', () => {
    const stories = quarterOfTasks('reassign');
    const passedOn = stories[1]!;
    const afterDecline = fold(passedOn.envelopes.slice(0, 4));
    expect(afterDecline).toMatchObject({ status: 'awaiting_reassignment', declinedBy: ['civil-affairs'], accepted: ['human-resources'] });
    expect(afterDecline?.lead).toBeUndefined();

    const afterReassign = fold(passedOn.envelopes.slice(0, 5));
    expect(afterReassign).toMatchObject({ status: 'assigned', lead: 'human-resources', supporting: ['science-tech'], accepted: [] });
    expect(afterReassign?.assignedAt).toBe(passedOn.envelopes[4]!.time);

    expect(tasks.get('2')).toMatchObject({
      status: 'in_progress',
      lead: 'human-resources',
      supporting: [],
      declinedBy: ['civil-affairs', 'science-tech'],
      overdue: true,
      escalated: true,
      progress: 30,
    });
  });

  it('keeps acceptance of supporting departments the reassignment names again', () => {
    const story = taskStory('task-keep', '2025-03-03T00:00:00.000Z')
      .then({ type: 'TaskCreated', data: { taskId: 'task-keep', title: 'Keep', field: 'tech-support', dueDate: '2025-04-01T00:00:00.000Z', createdBy: 'social-work' } })
      .then({ type: 'TaskAssigned', data: { lead: 'a', supporting: ['b', 'c'], assignedAt: '2025-03-03T00:00:00.000Z' } })
      .then({ type: 'TaskAccepted', data: { department: 'b', acceptedAt: '2025-03-03T01:00:00.000Z' } })
      .then({ type: 'TaskAccepted', data: { department: 'c', acceptedAt: '2025-03-03T01:00:00.000Z' } })
      .then({ type: 'TaskDeclined', data: { department: 'a', role: 'lead', reason: 'no', citedRule: 'r' } })
      .then({ type: 'TaskReassigned', data: { lead: 'd', supporting: ['b'], previousLead: 'a', assignedAt: '2025-03-04T00:00:00.000Z' } });
    expect(fold(story.envelopes)).toMatchObject({ lead: 'd', supporting: ['b'], accepted: ['b'], status: 'assigned' });
  });

  it('counts a reopening, forgets the first completion, and records the late second one', () => {
    expect(tasks.get('3')).toMatchObject({ status: 'verified', reopenCount: 1, completedOnTime: false, rating: 3 });
    const late = quarterOfTasks('reopen')[2]!;
    const reopened = fold(late.envelopes.slice(0, 6));
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    expect(reopened?.completedOnTime).toBeUndefined();
  });

  it('keeps the status beside a block, and a cancelled task blocks no one', () => {
    const stuck = tasks.get('6');
    expect(stuck).toMatchObject({ status: 'in_progress', overdue: true });
    expect(stuck?.blocked).toMatchObject({ by: 'civil-affairs', needsHelpFrom: 'human-resources', reason: 'needs volunteers' });
    expect(tasks.get('4')).toMatchObject({ status: 'cancelled' });
    expect(tasks.get('4')?.blocked).toBeUndefined();
  });

  it('clears overdue when the due date moves', () => {
    expect(tasks.get('7')).toMatchObject({ overdue: false, escalated: false, dueDate: '2025-05-30T09:00:00.000Z' });
  });

  it('leaves an unassigned task created, and folds nothing before TaskCreated', () => {
    expect(tasks.get('5')).toMatchObject({ status: 'created', supporting: [], progress: 0, version: 1 });
    const story = taskStory('task-x', '2025-03-03T00:00:00.000Z').then({
      type: 'TaskAccepted',
      data: { department: 'a', acceptedAt: '2025-03-03T00:00:00.000Z' },
    });
    expect(fold(story.envelopes)).toBeUndefined();
  });
});

describe('readTaskEvent', () => {
  const story = taskStory('task-r', '2025-03-03T00:00:00.000Z').then({
    type: 'TaskProgressReported',
    data: { department: 'science-tech', percent: 40 },
  });
  const envelope = story.envelopes[0]!;

  it('types the event and keeps where it happened', () => {
    expect(readTaskEvent(envelope)).toEqual({
      event: { type: 'TaskProgressReported', data: { department: 'science-tech', percent: 40 } },
      meta: { taskId: 'task-r', version: 1, time: envelope.time },
    });
  });

  it('refuses data that breaks the contract, naming the rule', () => {
    expect(() => readTaskEvent({ ...envelope, data: { department: 'science-tech', percent: 140 } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', rule: 'event-data-matches-schema' }),
    );
    expect(() => readTaskEvent({ ...envelope, type: 'gov.backbone.tasks.TaskTeleported.v1' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', rule: 'unknown-event-type' }),
    );
  });

  it('reads through a registry of every context the same way', () => {
    expect(readTaskEvent(envelope, createEventRegistry(allEventDefinitions))).toEqual(readTaskEvent(envelope));
  });

  it('ignores the events of other contexts', () => {
    expect(readTaskEvent({ ...envelope, type: 'gov.backbone.reference.FieldRegistered.v1', source: '/backbone/reference' })).toBeUndefined();
  });
});
