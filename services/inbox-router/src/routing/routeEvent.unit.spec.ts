import { describe, expect, it } from 'vitest';
import { routeEvent } from './routeEvent.ts';
import type { AggregateParties } from './routeEvent.ts';

const at = '2025-03-14T08:00:00.000Z';

/** Routes a story of one aggregate, event after event, like the router does; returns each event's inboxes. */
function story(context: string, events: readonly [string, unknown][]): string[][] {
  let parties: AggregateParties | undefined;
  return events.map(([name, data]) => {
    const routing = routeEvent({ context, name, data }, parties);
    parties = routing.next;
    return [...routing.departments];
  });
}

describe('routeEvent', () => {
  it("sends a task's events to its creator and its current assignees, and a block to the department asked for help", () => {
    const inboxes = story('tasks', [
      ['TaskCreated', { taskId: 't', title: 'x', field: 'f', dueDate: at, createdBy: 'social-work' }],
      ['TaskAssigned', { lead: 'civil-affairs', supporting: ['science-technology'], assignedAt: at }],
      ['TaskAccepted', { department: 'civil-affairs', acceptedAt: at }],
      ['TaskBlocked', { department: 'civil-affairs', reason: 'no venue', needsHelpFrom: 'department-4' }],
      ['TaskProgressReported', { department: 'civil-affairs', percent: 30 }],
      ['TaskUnblocked', { department: 'civil-affairs' }],
      ['TaskProgressReported', { department: 'civil-affairs', percent: 40 }],
      ['TaskDeclined', { department: 'science-technology', role: 'supporting', reason: 'r', citedRule: 'c' }],
      ['TaskCompleted', { department: 'civil-affairs', summary: 's', completedAt: at, onTime: true }],
      ['TaskEscalated', { to: 'social-work', overdueSince: at, escalatedAt: at }],
    ]);
    expect(inboxes).toEqual([
      ['social-work'],
      ['civil-affairs', 'science-technology', 'social-work'],
      ['civil-affairs', 'science-technology', 'social-work'],
      ['civil-affairs', 'department-4', 'science-technology', 'social-work'],
      ['civil-affairs', 'department-4', 'science-technology', 'social-work'],
      ['civil-affairs', 'department-4', 'science-technology', 'social-work'],
      ['civil-affairs', 'science-technology', 'social-work'],
      ['civil-affairs', 'science-technology', 'social-work'],
      ['civil-affairs', 'social-work'],
      ['civil-affairs', 'social-work'],
    ]);
  });

  it('tells the old and the new lead of a reassignment, and then only the new one', () => {
    const inboxes = story('tasks', [
      ['TaskCreated', { taskId: 't', title: 'x', field: 'f', dueDate: at, createdBy: 'social-work' }],
      ['TaskAssigned', { lead: 'civil-affairs', supporting: [], assignedAt: at }],
      ['TaskDeclined', { department: 'civil-affairs', role: 'lead', reason: 'r', citedRule: 'c' }],
      ['TaskReassigned', { lead: 'science-technology', supporting: [], previousLead: 'civil-affairs', assignedAt: at }],
      ['TaskAccepted', { department: 'science-technology', acceptedAt: at }],
    ]);
    expect(inboxes.slice(2)).toEqual([
      ['civil-affairs', 'social-work'],
      ['civil-affairs', 'science-technology', 'social-work'],
      ['science-technology', 'social-work'],
    ]);
  });

  it("sends a grant's later events to its sponsoring department", () => {
    const awarded = routeEvent({
      context: 'resources',
      name: 'GrantAwarded',
      data: { grantId: 'g-1', sponsoringDepartment: 'civil-affairs', poolId: 'p' },
    }, { owner: 'social-work' });
    expect(awarded.departments).toEqual(['civil-affairs', 'social-work']);
    expect(awarded.grantSponsor).toEqual({ grantId: 'g-1', department: 'civil-affairs' });

    const disbursed = routeEvent({ context: 'resources', name: 'GrantDisbursed', data: { grantId: 'g-1' } }, awarded.next, 'civil-affairs');
    expect(disbursed.departments).toEqual(['civil-affairs', 'social-work']);
    const linked = routeEvent({ context: 'platforms', name: 'ProjectLinked', data: { grantId: 'g-1' } }, { owner: 'department-5' }, 'civil-affairs');
    expect(linked.departments).toEqual(['civil-affairs', 'department-5']);
  });

  it("sends an aggregate's events to the department its creation event named", () => {
    expect(
      story('talent', [
        ['PersonRegistered', { personId: 'p', registeredBy: 'civil-affairs' }],
        ['CourseCompleted', { personId: 'p', courseId: 'c', hours: 4 }],
        ['CertificationGranted', { personId: 'p', certification: 'c', grantedBy: 'science-technology' }],
      ]),
    ).toEqual([['civil-affairs'], ['civil-affairs'], ['civil-affairs', 'science-technology']]);
    expect(story('platforms', [['PlatformPlanned', { plannedBy: 'civil-affairs' }], ['PlatformOpened', { openedAt: at }]])).toEqual([
      ['civil-affairs'],
      ['civil-affairs'],
    ]);
  });

  it('routes reference events only to the department they name, and ignores what is not a department id', () => {
    expect(story('reference', [['DepartmentRegistered', { departmentId: 'department-9' }], ['FieldRegistered', { fieldId: 'f' }]])).toEqual([
      ['department-9'],
      [],
    ]);
    expect(routeEvent({ context: 'tasks', name: 'TaskEscalated', data: { to: 'system' } }).departments).toEqual([]);
  });
});
