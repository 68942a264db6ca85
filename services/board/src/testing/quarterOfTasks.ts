import type { BoardDirectoryEntries } from '../directory/boardDirectory.ts';
import { taskStory } from './taskStory.ts';
import type { TaskStory } from './taskStory.ts';

/** The directory the stories use: four departments (social-work coordinates) and four fields. */
export const storyDirectory: BoardDirectoryEntries = {
  departments: [
    { id: 'social-work', name: 'Social Work Department', coordinating: true },
    { id: 'science-tech', name: 'Science and Technology Bureau' },
    { id: 'civil-affairs', name: 'Civil Affairs Bureau' },
    { id: 'human-resources', name: 'Human Resources Bureau' },
  ],
  fields: [
    { id: 'new-employment-groups', name: 'New employment groups' },
    { id: 'micro-economy', name: 'Micro-economy joint services' },
    { id: 'tech-support', name: 'Technology development support' },
    { id: 'elderly-care', name: 'Elderly care' },
  ],
};

const START = '2025-03-03T01:00:00.000Z';
const APRIL = '2025-04-30T09:00:00.000Z';
const MAY = '2025-05-30T09:00:00.000Z';

function created(id: string, field: string, dueDate: string): TaskStory {
  return taskStory(id, START).then({
    type: 'TaskCreated',
    data: { taskId: id, title: `Key task ${id}`, field, dueDate, createdBy: 'social-work' },
  });
}

/**
 * A quarter of key tasks (ids suffixed with `tag`) touching every part of the closed loop:
 * acceptance, declines by a lead and a supporter, reassignment, blocks naming a helper,
 * completion on time and late, reopening, overdue and escalation, a new due date, cancellation.
 */
export function quarterOfTasks(tag: string): TaskStory[] {
  const t = (n: number) => `task-${n}-${tag}`;
  const smooth = created(t(1), 'tech-support', APRIL);
  smooth.wait(2).then({ type: 'TaskAssigned', data: { lead: 'science-tech', supporting: ['civil-affairs'], assignedAt: smooth.now() } });
  smooth.wait(3).then({ type: 'TaskAccepted', data: { department: 'science-tech', acceptedAt: smooth.now() } });
  smooth.wait(5).then({ type: 'TaskAccepted', data: { department: 'civil-affairs', acceptedAt: smooth.now() } });
  smooth.wait(24).then({ type: 'TaskProgressReported', data: { department: 'science-tech', percent: 40 } });
  smooth.wait(1).then({ type: 'TaskBlocked', data: { department: 'science-tech', reason: 'venue missing', needsHelpFrom: 'civil-affairs' } });
  smooth.wait(48).then({ type: 'TaskUnblocked', data: { department: 'civil-affairs', note: 'community hall booked' } });
  smooth.wait(24).then({ type: 'TaskProgressReported', data: { department: 'science-tech', percent: 80 } });
  smooth.wait(24).then({ type: 'TaskCompleted', data: { department: 'science-tech', summary: 'done', completedAt: smooth.now(), onTime: true } });
  smooth.wait(2).then({ type: 'TaskVerified', data: { rating: 4 } });

  const passedOn = created(t(2), 'new-employment-groups', APRIL);
  passedOn.wait(1).then({ type: 'TaskAssigned', data: { lead: 'civil-affairs', supporting: ['science-tech', 'human-resources'], assignedAt: passedOn.now() } });
  passedOn.wait(4).then({ type: 'TaskAccepted', data: { department: 'human-resources', acceptedAt: passedOn.now() } });
  passedOn.wait(6).then({ type: 'TaskDeclined', data: { department: 'civil-affairs', role: 'lead', reason: 'not our remit', citedRule: 'Civil Affairs Bureau remit §3' } });
  passedOn.wait(3).then({ type: 'TaskReassigned', data: { lead: 'human-resources', supporting: ['science-tech'], previousLead: 'civil-affairs', assignedAt: passedOn.now() } });
  passedOn.wait(2).then({ type: 'TaskAccepted', data: { department: 'human-resources', acceptedAt: passedOn.now() } });
  passedOn.wait(8).then({ type: 'TaskDeclined', data: { department: 'science-tech', role: 'supporting', reason: 'no capacity', citedRule: 'staffing rule 2' } });
  passedOn.wait(30).then({ type: 'TaskProgressReported', data: { department: 'human-resources', percent: 30 } });
  passedOn.then({ type: 'TaskBecameOverdue', data: { dueDate: APRIL, detectedAt: '2025-05-01T00:00:00.000Z' } });
  passedOn.then({ type: 'TaskEscalated', data: { to: 'social-work', overdueSince: APRIL, escalatedAt: '2025-05-03T00:00:00.000Z' } });

  const late = created(t(3), 'micro-economy', APRIL);
  late.wait(1).then({ type: 'TaskAssigned', data: { lead: 'human-resources', supporting: [], assignedAt: late.now() } });
  late.wait(10).then({ type: 'TaskAccepted', data: { department: 'human-resources', acceptedAt: late.now() } });
  late.wait(100).then({ type: 'TaskProgressReported', data: { department: 'human-resources', percent: 90 } });
  late.wait(1).then({ type: 'TaskCompleted', data: { department: 'human-resources', summary: 'first try', completedAt: late.now(), onTime: true } });
  late.wait(5).then({ type: 'TaskReopened', data: { reason: 'evidence missing', rating: 2 } });
  late.then({ type: 'TaskCompleted', data: { department: 'human-resources', summary: 'with evidence', completedAt: '2025-05-02T00:00:00.000Z', onTime: false } });
  late.then({ type: 'TaskVerified', data: { rating: 3 } });

  const cancelled = created(t(4), 'tech-support', MAY);
  cancelled.wait(1).then({ type: 'TaskAssigned', data: { lead: 'science-tech', supporting: ['human-resources'], assignedAt: cancelled.now() } });
  cancelled.wait(20).then({ type: 'TaskAccepted', data: { department: 'science-tech', acceptedAt: cancelled.now() } });
  cancelled.wait(1).then({ type: 'TaskBlocked', data: { department: 'science-tech', reason: 'budget frozen' } });
  cancelled.wait(1).then({ type: 'TaskCancelled', data: { reason: 'merged into task 1' } });

  const unassigned = created(t(5), 'elderly-care', MAY);

  const stuck = created(t(6), 'new-employment-groups', APRIL);
  stuck.wait(1).then({ type: 'TaskAssigned', data: { lead: 'civil-affairs', supporting: ['social-work'], assignedAt: stuck.now() } });
  stuck.wait(7).then({ type: 'TaskAccepted', data: { department: 'civil-affairs', acceptedAt: stuck.now() } });
  stuck.wait(7).then({ type: 'TaskProgressReported', data: { department: 'civil-affairs', percent: 25 } });
  stuck.wait(1).then({ type: 'TaskBlocked', data: { department: 'civil-affairs', reason: 'needs volunteers', needsHelpFrom: 'human-resources' } });
  stuck.then({ type: 'TaskBecameOverdue', data: { dueDate: APRIL, detectedAt: '2025-05-01T00:00:00.000Z' } });

  const moved = created(t(7), 'micro-economy', APRIL);
  moved.wait(1).then({ type: 'TaskAssigned', data: { lead: 'science-tech', supporting: ['civil-affairs', 'human-resources'], assignedAt: moved.now() } });
  moved.wait(1).then({ type: 'TaskAccepted', data: { department: 'science-tech', acceptedAt: moved.now() } });
  moved.wait(50).then({ type: 'TaskProgressReported', data: { department: 'science-tech', percent: 50 } });
  moved.then({ type: 'TaskBecameOverdue', data: { dueDate: APRIL, detectedAt: '2025-05-01T00:00:00.000Z' } });
  moved.then({ type: 'TaskDueDateChanged', data: { dueDate: MAY, previousDueDate: APRIL, reason: 'partner delayed', } });

  const awaiting = created(t(8), 'elderly-care', MAY);
  awaiting.wait(3).then({ type: 'TaskAssigned', data: { lead: 'human-resources', supporting: ['civil-affairs'], assignedAt: awaiting.now() } });
  awaiting.wait(3).then({ type: 'TaskAccepted', data: { department: 'civil-affairs', acceptedAt: awaiting.now() } });
  awaiting.wait(3).then({ type: 'TaskDeclined', data: { department: 'human-resources', role: 'lead', reason: 'outside our duties', citedRule: 'HR remit §1' } });

  return [smooth, passedOn, late, cancelled, unassigned, stuck, moved, awaiting];
}
