import type { CriterionScores, ResourceEvent } from '@backbone/contracts';
import type { ApplicationFacts } from '../facts.ts';

/** The events of an application's stream. */
export type ApplicationEvent = Extract<ResourceEvent, { type: 'ApplicationSubmitted' | 'ApplicationScored' }>;

/** One reviewer's scores. */
export interface Review {
  readonly reviewerId: string;
  readonly reviewerDepartment: string;
  readonly scores: CriterionScores;
}

/** An application that exists, with its reviews. */
export interface Application {
  readonly status: 'submitted';
  readonly applicationId: string;
  readonly callId: string;
  readonly poolId: string;
  readonly applicantOrganisationId: string;
  readonly sponsoringDepartment: string;
  readonly field: string;
  readonly title: string;
  readonly requestedFen: number;
  readonly reviews: readonly Review[];
}

export type ApplicationState = { readonly status: 'none' } | Application;

/** The state of an application stream with no events. */
export const initialApplicationState = (): ApplicationState => ({ status: 'none' });

/** The facts an award needs about this application; undefined when it does not exist. */
export function applicationFactsOf(state: ApplicationState): ApplicationFacts | undefined {
  if (state.status === 'none') return undefined;
  const { applicationId, callId, poolId, sponsoringDepartment, field, title, requestedFen, reviews } = state;
  return { applicationId, callId, poolId, sponsoringDepartment, field, title, requestedFen, reviewCount: reviews.length };
}

/** Folds one event into the application's state. */
export function evolveApplication(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  switch (event.type) {
    case 'ApplicationSubmitted':
      return state.status === 'none' ? { status: 'submitted', ...event.data, reviews: [] } : state;
    case 'ApplicationScored':
      return state.status === 'none' ? state : { ...state, reviews: [...state.reviews, event.data] };
  }
}
