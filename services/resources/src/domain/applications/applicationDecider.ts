import { CRITERIA, ruleViolation } from '@backbone/contracts';
import type { CriterionScores } from '@backbone/contracts';
import { authorizeResourceCommand } from '../authorization.ts';
import type { ApplicationCommand, ResourceCommandOf } from '../commands.ts';
import { invalidInput, notFound, parseInstant, requirePositiveFen, requireText } from '../guards.ts';
import { evolveApplication, initialApplicationState } from './applicationState.ts';
import type { Application, ApplicationEvent, ApplicationState } from './applicationState.ts';

/**
 * Decides a command on an application's stream: the authorization table first (403), then
 * existence (404) and the application's rules (400 bad input, 409 state).
 */
export function decideApplication(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  const { actor, directory } = command;
  if (command.type === 'submitApplication') {
    authorizeResourceCommand(command.type, { actor, directory, namedDepartment: command.data.sponsoringDepartment });
    return decideSubmit(command, state);
  }
  if (state.status === 'none') throw notFound('application-not-found', `application ${command.applicationId} does not exist`);
  authorizeResourceCommand(command.type, { actor, directory, sponsoringDepartment: state.sponsoringDepartment });
  return decideScore(command, state);
}

/** submitApplication: the acting department sponsors an organisation's application to an open call in its field. */
function decideSubmit(command: ResourceCommandOf<'submitApplication'>, state: ApplicationState): ApplicationEvent[] {
  if (state.status !== 'none') {
    throw ruleViolation('application-already-exists', `application ${command.applicationId} already exists`);
  }
  const { call } = command;
  if (!call) throw notFound('call-not-found', `call ${command.callId} does not exist`);
  const { applicantOrganisationId, field, requestedFen } = command.data;
  const title = requireText(command.data.title, 'title');
  requirePositiveFen(requestedFen, 'requestedFen');
  const now = command.now.getTime();
  if (now < parseInstant(call.opensAt, 'opensAt') || now >= parseInstant(call.closesAt, 'closesAt')) {
    throw ruleViolation('call-not-open', `call ${call.callId} takes applications from ${call.opensAt} until ${call.closesAt}`);
  }
  if (field !== call.field) {
    throw ruleViolation('application-field-matches-call', `call ${call.callId} is for ${call.field}, not ${field}`);
  }
  if (requestedFen > call.budgetFen) {
    throw ruleViolation('request-within-call-budget', `request ${requestedFen} fen exceeds call ${call.callId}'s budget ${call.budgetFen} fen`);
  }
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: command.applicationId,
        callId: call.callId,
        poolId: call.poolId,
        applicantOrganisationId,
        sponsoringDepartment: command.actor,
        field,
        title,
        requestedFen,
      },
    },
  ];
}

/** Each score a whole number from 0 to 100. */
export function requireScores(scores: CriterionScores): void {
  for (const criterion of CRITERIA) {
    const score = scores[criterion];
    if (!Number.isInteger(score) || score < 0 || score > 100) {
      throw invalidInput('score-out-of-range', `score ${criterion} must be a whole number from 0 to 100, got ${score}`);
    }
  }
}

/** scoreApplication: a reviewer outside the sponsoring department scores each criterion, once. */
function decideScore(command: ResourceCommandOf<'scoreApplication'>, application: Application): ApplicationEvent[] {
  const { reviewerId, scores } = command.data;
  if (application.reviews.some((review) => review.reviewerId === reviewerId)) {
    throw ruleViolation('reviewer-scores-once', `reviewer ${reviewerId} already scored application ${application.applicationId}`);
  }
  requireScores(scores);
  const { partyBuilding, theoryResearch, professionalValue, serviceScenarios } = scores;
  return [
    {
      type: 'ApplicationScored',
      data: {
        reviewerId,
        reviewerDepartment: command.actor,
        scores: { partyBuilding, theoryResearch, professionalValue, serviceScenarios },
      },
    },
  ];
}

/** The decider of an application and its reviews. */
export const applicationDecider = {
  initialState: initialApplicationState,
  decide: decideApplication,
  evolve: evolveApplication,
};
