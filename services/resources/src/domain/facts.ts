// Facts one aggregate's decider needs from another aggregate of this context. The server reads
// them from the other stream and puts them in the command; the deciders stay pure.

/**
 * What an application needs to know of the call it applies to, read from the pool's stream.
 * None of it changes once the call is open, so a copy read just before deciding is never stale.
 */
export interface CallFacts {
  readonly callId: string;
  readonly poolId: string;
  readonly field: string;
  readonly budgetFen: number;
  readonly opensAt: string;
  readonly closesAt: string;
}

/**
 * What an award needs to know of the application, read from the application's stream.
 * Scores only ever grow, so a copy read just before deciding never overstates them.
 */
export interface ApplicationFacts {
  readonly applicationId: string;
  readonly callId: string;
  readonly poolId: string;
  readonly sponsoringDepartment: string;
  readonly field: string;
  readonly title: string;
  readonly requestedFen: number;
  /** How many reviewers scored it. */
  readonly reviewCount: number;
}
