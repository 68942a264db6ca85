import { ruleViolation } from '@backbone/contracts';
import type { PersonCommandOf } from '../commands.ts';
import { definedOnly, invalidInput, requireHours, requireKnownField } from '../guards.ts';
import type { Person, PersonEvent } from './personState.ts';

// A person's record: training, certifications, service hours and think-tank membership.

/** trainings: a course completed once, with its hours. */
export function decideCourseCompleted(command: PersonCommandOf<'completeCourse'>, person: Person): PersonEvent[] {
  const { courseId, hours } = command.data;
  requireHours(hours, 2000);
  if (person.courses.includes(courseId)) throw ruleViolation('course-already-completed', `${person.personId} already completed ${courseId}`);
  return [{ type: 'CourseCompleted', data: { personId: person.personId, courseId, hours } }];
}

/** certifications: each certification granted once. */
export function decideCertification(command: PersonCommandOf<'grantCertification'>, person: Person): PersonEvent[] {
  const { certification } = command.data;
  if (person.certifications.includes(certification)) {
    throw ruleViolation('certification-already-granted', `${person.personId} already holds ${certification}`);
  }
  return [{ type: 'CertificationGranted', data: { personId: person.personId, certification, grantedBy: command.actor } }];
}

// The latest moment a calendar day can still lie ahead somewhere: it starts at UTC+14.
const EARLIEST_ZONE_MS = 14 * 60 * 60 * 1000;

/** service-hours: hours served in a known field on a day that has begun. */
export function decideServiceHours(command: PersonCommandOf<'logServiceHours'>, person: Person): PersonEvent[] {
  const { field, platformId, hours, servedOn } = command.data;
  requireKnownField(command.directory, field);
  requireHours(hours, 24);
  const dayStart = Date.parse(`${servedOn}T00:00:00Z`);
  if (Number.isNaN(dayStart)) throw invalidInput('invalid-date', `servedOn is not a date: ${servedOn}`);
  if (dayStart - EARLIEST_ZONE_MS > command.now.getTime()) {
    throw invalidInput('served-on-in-future', `${servedOn} has not begun yet`);
  }
  return [{ type: 'ServiceHoursLogged', data: definedOnly({ personId: person.personId, field, platformId, hours, servedOn }) }];
}

/** think-tank members: experts only, appointed once. */
export function decideAppointment(command: PersonCommandOf<'appointThinkTankMember'>, person: Person): PersonEvent[] {
  if (person.kind !== 'expert') {
    throw ruleViolation('only-experts-join-think-tank', `${person.personId} is a ${person.kind}, not an expert`);
  }
  if (person.thinkTankMember) throw ruleViolation('already-think-tank-member', `${person.personId} is already a member`);
  return [{ type: 'ThinkTankMemberAppointed', data: { personId: person.personId, appointedBy: command.actor } }];
}
