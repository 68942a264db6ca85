import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { adviceNoteDecider } from './adviceNote.ts';
import {
  erased,
  FIELD,
  NOTE_ID,
  PERSON_ID,
  personFacts,
  registered,
  submitNote,
  thinkTankExpert,
} from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(adviceNoteDecider);
const member = personFacts(thinkTankExpert);
const submitted = (extra: { field?: string; taskId?: string }) =>
  ({ type: 'AdviceNoteSubmitted', data: { noteId: NOTE_ID, memberId: PERSON_ID, ...extra, titleRef: 'doc-2025-017' } }) as const;

describe('submit an advice note', () => {
  it('records a member’s advice on a field, a task, or both', () => {
    spec.given([]).when(submitNote(member)).then([submitted({ field: FIELD })]);
    spec.given([]).when(submitNote(member, { field: undefined, taskId: 'task-2025-q2-001' })).then([submitted({ taskId: 'task-2025-q2-001' })]);
    spec.given([]).when(submitNote(member, { taskId: 'task-2025-q2-001' })).then([submitted({ field: FIELD, taskId: 'task-2025-q2-001' })]);
  });
  it('needs a field or a task (advice-needs-field-or-task, 400)', () => {
    spec.given([]).when(submitNote(member, { field: undefined })).thenThrows('advice-needs-field-or-task');
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given([]).when(submitNote(member, { field: 'astrology' })).thenThrows('unknown-field');
  });
  it('takes advice only from appointed members (only-think-tank-members-advise, 409)', () => {
    spec.given([]).when(submitNote(personFacts([registered({ kind: 'expert' })]))).thenThrows('only-think-tank-members-advise');
  });
  it('answers not_found for an unknown member, refuses an erased one', () => {
    spec.given([]).when(submitNote(undefined, {}, 'social-work')).thenThrows('person-not-found');
    spec.given([]).when(submitNote(personFacts([...thinkTankExpert, erased]))).thenThrows('person-erased');
  });
  it('records a note once (advice-note-already-exists, 409)', () => {
    spec.given([submitted({ field: FIELD })]).when(submitNote(member)).thenThrows('advice-note-already-exists');
  });
});
