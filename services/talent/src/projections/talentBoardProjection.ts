import { contextTopic } from '@backbone/contracts';
import type { Envelope, EventRegistry, TalentEvent } from '@backbone/contracts';
import type { Projection, ViewReader, ViewWrite } from '@backbone/views';
import { BOARD_PEOPLE, BOARD_POLICIES, DEPARTMENTS_SEEN, FIELDS_SEEN, TALENT_BOARD, talentCounter as c, toTenths } from './talentBoardCounters.ts';
import type { BoardPerson, BoardPolicy } from './talentBoardCounters.ts';
import { readTalentEvent } from './talentEvents.ts';

export interface TalentBoardProjectionOptions {
  /** Reads (upcasts and validates) the events; default: every published definition. */
  readonly registry?: EventRegistry;
}

type EventOf<T extends TalentEvent['type']> = Extract<TalentEvent, { type: T }>;
const inc = (counter: string, by = 1): ViewWrite => ({ op: 'increment', counter, by });

/** A person's share of the people counters, with `sign` +1 (counted) or −1 (no longer). */
function personShare(person: BoardPerson, sign: 1 | -1): ViewWrite[] {
  return [
    inc(c.people, sign),
    inc(c.peopleBy('kind', person.kind), sign),
    inc(c.peopleBy('sector', person.sector), sign),
    inc(c.peopleBy('tier', person.tier ?? 'none'), sign),
    ...person.fields.map((field) => inc(c.peopleBy('field', field), sign)),
  ];
}

/**
 * The talent part of the one board: people by kind, sector, tier and field; selection rounds,
 * nominations and results; trainings, training hours and certifications; incentive policies
 * and grants (count and fen, per issuing department and scope); service hours per field and
 * kind; practice bases; the think tank. Counters move only by what one event changes in its
 * own aggregate (the person's or the policy's document, read back from this view), so they
 * are exact under any order across aggregates; the view store's per-aggregate dedupe, and a
 * version check on those documents, make a redelivered event change nothing.
 */
export function talentBoardProjection(options: TalentBoardProjectionOptions = {}): Projection {
  return {
    name: TALENT_BOARD,
    topics: [contextTopic('talent')],
    async project(envelope: Envelope, view: ViewReader): Promise<ViewWrite[]> {
      const event = readTalentEvent(envelope, options.registry);
      if (!event) return [];
      const version = envelope.streamversion;
      switch (event.type) {
        case 'PersonRegistered':
        case 'PersonErased':
        case 'SelectionResultRecorded':
        case 'CourseCompleted':
        case 'CertificationGranted':
        case 'ServiceHoursLogged':
        case 'ThinkTankMemberAppointed':
          return projectPersonEvent(event, envelope.subject, version, view);
        case 'IncentivePolicyIssued':
        case 'IncentiveGranted':
          return projectPolicyEvent(event, envelope.subject, version, view);
        case 'SelectionRoundOpened':
          return [inc(c.rounds)];
        case 'PersonNominated':
          return [inc(c.nominations)];
        case 'PracticeBaseDesignated':
          return [inc(c.practiceBases)];
        case 'AdviceNoteSubmitted':
          return [inc(c.adviceNotes)];
      }
    },
  };
}

type PersonEventOfBoard = EventOf<
  'PersonRegistered' | 'PersonErased' | 'SelectionResultRecorded' | 'CourseCompleted' | 'CertificationGranted' | 'ServiceHoursLogged' | 'ThinkTankMemberAppointed'
>;

async function projectPersonEvent(event: PersonEventOfBoard, subject: string, version: number, view: ViewReader): Promise<ViewWrite[]> {
  const before = await view.get<BoardPerson>(BOARD_PEOPLE, subject);
  // Already seen: the store would refuse the writes anyway; computing them from a newer document would be wrong.
  if (before && version <= before.version) return [];
  const put = (after: BoardPerson): ViewWrite => ({ op: 'put', collection: BOARD_PEOPLE, id: subject, doc: after });
  if (event.type === 'PersonRegistered') {
    if (before) return [];
    const { personId, kind, sector, fields } = event.data;
    const person: BoardPerson = { personId, version, kind, sector, fields, tier: null, erased: false };
    return [put(person), ...personShare(person, 1), ...fields.map((member) => ({ op: 'addToSet', set: FIELDS_SEEN, member }) as const)];
  }
  const moved = before ? [put({ ...before, version })] : [];
  switch (event.type) {
    case 'PersonErased':
      if (!before || before.erased) return moved;
      return [put({ ...before, version, erased: true }), ...personShare(before, -1), inc(c.erased)];
    case 'SelectionResultRecorded': {
      if (!before) return [inc(c.results)];
      const after: BoardPerson = { ...before, version, tier: event.data.tier };
      // An erased person is no longer counted by tier, so their move changes nothing there.
      const tierMove = before.erased ? [] : [inc(c.peopleBy('tier', before.tier ?? 'none'), -1), inc(c.peopleBy('tier', event.data.tier))];
      return [put(after), inc(c.results), ...tierMove];
    }
    case 'CourseCompleted':
      return [...moved, inc(c.coursesCompleted), inc(c.trainingTenths, toTenths(event.data.hours))];
    case 'CertificationGranted':
      return [...moved, inc(c.certifications)];
    case 'ServiceHoursLogged': {
      const { field, hours } = event.data;
      return [
        ...moved,
        inc(c.hourEntries),
        inc(c.serviceTenths(field, before?.kind ?? 'unknown'), toTenths(hours)),
        { op: 'addToSet', set: FIELDS_SEEN, member: field },
      ];
    }
    case 'ThinkTankMemberAppointed':
      return [...moved, inc(c.thinkTankMembers)];
  }
}

async function projectPolicyEvent(
  event: EventOf<'IncentivePolicyIssued' | 'IncentiveGranted'>,
  subject: string,
  version: number,
  view: ViewReader,
): Promise<ViewWrite[]> {
  const before = await view.get<BoardPolicy>(BOARD_POLICIES, subject);
  if (before && version <= before.version) return [];
  if (event.type === 'IncentivePolicyIssued') {
    if (before) return [];
    const { policyId, scope, issuedBy, budgetFen } = event.data;
    const policy: BoardPolicy = { policyId, version, scope, issuedBy };
    return [
      { op: 'put', collection: BOARD_POLICIES, id: subject, doc: policy },
      inc(c.policies),
      inc(c.budgetFen, budgetFen),
      { op: 'addToSet', set: DEPARTMENTS_SEEN, member: issuedBy },
    ];
  }
  const { amountFen } = event.data;
  const totals = [inc(c.granted), inc(c.grantedFen, amountFen)];
  if (!before) return totals;
  return [
    { op: 'put', collection: BOARD_POLICIES, id: subject, doc: { ...before, version } },
    ...totals,
    inc(c.grantedBy(before.issuedBy)),
    inc(c.grantedFenBy(before.issuedBy), amountFen),
    inc(c.grantedInScope(before.scope)),
    inc(c.grantedFenInScope(before.scope), amountFen),
  ];
}
