import { talentEvents } from '@backbone/contracts';
import type { PersonKind, Sector, TalentEvent, Tier } from '@backbone/contracts';
import type { PersonFacts } from '../facts.ts';

/** The events of a person's stream. */
export const personEvents = {
  PersonRegistered: talentEvents.PersonRegistered,
  PersonErased: talentEvents.PersonErased,
  SelectionResultRecorded: talentEvents.SelectionResultRecorded,
  CourseCompleted: talentEvents.CourseCompleted,
  CertificationGranted: talentEvents.CertificationGranted,
  ServiceHoursLogged: talentEvents.ServiceHoursLogged,
  ThinkTankMemberAppointed: talentEvents.ThinkTankMemberAppointed,
} as const;
export type PersonEvent = Extract<TalentEvent, { type: keyof typeof personEvents }>;

/** A registered person: the profile and the record, never personal data. */
export interface Person {
  /** `erased`: the personal data is gone; the record stays, and nothing new happens to it. */
  readonly status: 'registered' | 'erased';
  readonly personId: string;
  readonly kind: PersonKind;
  readonly sector: Sector;
  readonly fields: readonly string[];
  readonly registeredBy: string;
  readonly externalRefHash: string;
  /** The tier reached through selection rounds (one per person, whatever the round's field). */
  readonly tier?: Tier;
  /** Rounds whose result for this person is recorded. */
  readonly selectionRounds: readonly string[];
  readonly courses: readonly string[];
  readonly trainingHours: number;
  readonly certifications: readonly string[];
  readonly serviceHours: number;
  readonly thinkTankMember: boolean;
}

export type PersonState = { readonly status: 'none' } | Person;

/** The state of a person stream with no events. */
export const initialPersonState = (): PersonState => ({ status: 'none' });

// Hours are tenths; summing in tenths keeps totals free of floating-point dust.
const addHours = (a: number, b: number): number => Math.round(a * 10 + b * 10) / 10;

/** Folds one event into the person's state. */
export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  if (state.status === 'none') {
    if (event.type !== 'PersonRegistered') return state;
    const { personId, kind, sector, fields, registeredBy, externalRefHash } = event.data;
    return {
      status: 'registered',
      personId,
      kind,
      sector,
      fields,
      registeredBy,
      externalRefHash,
      selectionRounds: [],
      courses: [],
      trainingHours: 0,
      certifications: [],
      serviceHours: 0,
      thinkTankMember: false,
    };
  }
  switch (event.type) {
    case 'PersonRegistered':
      return state;
    case 'PersonErased':
      return { ...state, status: 'erased' };
    case 'SelectionResultRecorded':
      return { ...state, tier: event.data.tier, selectionRounds: [...state.selectionRounds, event.data.roundId] };
    case 'CourseCompleted':
      return { ...state, courses: [...state.courses, event.data.courseId], trainingHours: addHours(state.trainingHours, event.data.hours) };
    case 'CertificationGranted':
      return { ...state, certifications: [...state.certifications, event.data.certification] };
    case 'ServiceHoursLogged':
      return { ...state, serviceHours: addHours(state.serviceHours, event.data.hours) };
    case 'ThinkTankMemberAppointed':
      return { ...state, thinkTankMember: true };
  }
}

/** What other aggregates may know of the person; undefined before registration. */
export function personFactsOf(state: PersonState): PersonFacts | undefined {
  if (state.status === 'none') return undefined;
  const { personId, kind, sector, fields, registeredBy, thinkTankMember } = state;
  return { personId, kind, sector, fields, registeredBy, erased: state.status === 'erased', thinkTankMember };
}
