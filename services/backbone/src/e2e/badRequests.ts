import type { ApiResponse, Problem } from '../testing/api.ts';
import { CIVIL, COORDINATING, SCIENCE, daysFromNow } from './closedLoop.ts';
import type { ClientFor, TaskRef } from './closedLoop.ts';

/** A request the HTTP edge must refuse with a problem, writing nothing. */
export interface BadRequest {
  readonly name: string;
  readonly send: () => Promise<ApiResponse<Problem>>;
  readonly status: number;
  readonly code: string;
  /** The rule the problem names, when the refusal comes from a rule. */
  readonly rule?: string;
  /** A path the problem's `issues` list, when the refusal comes from the body's schema. */
  readonly issuePath?: string;
}

export interface BadRequestTargets {
  readonly as: ClientFor;
  /** Created, not assigned yet. */
  readonly fresh: TaskRef;
  /** Led by civil-affairs, which accepted it. */
  readonly working: TaskRef;
  /** A civil-affairs credential edited to speak for the coordinating department. */
  readonly forgedToken: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Every kind of bad input of issues 2 and 3, aimed at tasks whose versions must not move. */
export function badRequests({ as, fresh, working, forgedToken }: BadRequestTargets): BadRequest[] {
  const coordinating = as(COORDINATING);
  const civil = as(CIVIL);
  const newTask = { title: 'Refused', field: 'new-employment-groups', dueDate: daysFromNow(10) };
  return [
    {
      name: 'malformed JSON',
      send: () => civil.raw('POST', `/api/tasks/${working.id}/progress`, '{"percent":', JSON_TYPE),
      status: 400,
      code: 'invalid_input',
    },
    {
      name: 'a body that is not JSON',
      send: () => civil.raw('POST', `/api/tasks/${working.id}/progress`, 'percent=50', { 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a body over the size limit',
      send: () => civil.post(`/api/tasks/${working.id}/progress`, { percent: 60, note: 'x'.repeat(300 * 1024) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'an unknown field',
      send: () => coordinating.post('/api/tasks', { ...newTask, colour: 'red' }),
      status: 400,
      code: 'invalid_input',
      issuePath: 'body.colour',
    },
    { name: 'no credential', send: () => civil.as(undefined).post(`/api/tasks/${working.id}/progress`, { percent: 60 }), status: 401, code: 'unauthenticated' },
    { name: 'a forged credential', send: () => civil.as(forgedToken).post(`/api/tasks/${working.id}/cancel`, { reason: 'forged' }), status: 401, code: 'unauthenticated' },
    {
      name: 'a stale If-Match',
      send: () => civil.post(`/api/tasks/${working.id}/progress`, { percent: 60 }, { 'if-match': String(working.version - 1) }),
      status: 409,
      code: 'version_conflict',
      rule: 'stale-expected-version',
    },
    {
      name: 'an unknown department',
      send: () => coordinating.post(`/api/tasks/${fresh.id}/assignments`, { lead: 'tourism-bureau', supporting: [] }),
      status: 400,
      code: 'invalid_input',
      rule: 'unknown-department',
    },
    { name: 'an unknown field', send: () => coordinating.post('/api/tasks', { ...newTask, field: 'space-travel' }), status: 400, code: 'invalid_input', rule: 'unknown-field' },
    {
      name: 'a due date in the past',
      send: () => coordinating.post('/api/tasks', { ...newTask, dueDate: daysFromNow(-1) }),
      status: 400,
      code: 'invalid_input',
      rule: 'due-date-in-past',
    },
    {
      name: 'a new due date in the past',
      send: () => coordinating.patch(`/api/tasks/${working.id}`, { dueDate: daysFromNow(-1), reason: 'backdated' }),
      status: 400,
      code: 'invalid_input',
      rule: 'due-date-in-past',
    },
    { name: 'progress over 100', send: () => civil.post(`/api/tasks/${working.id}/progress`, { percent: 101 }), status: 400, code: 'invalid_input', issuePath: 'body.percent' },
    { name: 'progress below 0', send: () => civil.post(`/api/tasks/${working.id}/progress`, { percent: -1 }), status: 400, code: 'invalid_input', issuePath: 'body.percent' },
    {
      name: 'verifying a task that is not completed',
      send: () => coordinating.post(`/api/tasks/${working.id}/verify`, { outcome: 'accept', rating: 5 }),
      status: 409,
      code: 'rule_violation',
      rule: 'task-not-completed',
    },
    {
      name: 'accepting twice',
      send: () => civil.post(`/api/tasks/${working.id}/accept`, {}),
      status: 409,
      code: 'rule_violation',
      rule: 'already-accepted',
    },
    { name: 'cancelling without a reason', send: () => coordinating.post(`/api/tasks/${working.id}/cancel`, {}), status: 400, code: 'invalid_input', issuePath: 'body.reason' },
    {
      name: 'declining without citing a rule',
      send: () => as(SCIENCE).post(`/api/tasks/${fresh.id}/decline`, { reason: 'not ours' }),
      status: 400,
      code: 'invalid_input',
      issuePath: 'body.citedRule',
    },
    {
      name: 'progress from a department the task is not assigned to',
      send: () => as(SCIENCE).post(`/api/tasks/${working.id}/progress`, { percent: 60 }),
      status: 403,
      code: 'forbidden',
    },
    { name: 'a task that does not exist', send: () => civil.post('/api/tasks/task-none/accept', {}), status: 404, code: 'not_found' },
  ];
}
