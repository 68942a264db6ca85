import { CRITERIA } from '@backbone/contracts';
import type { CriterionScores, CriterionWeights } from '@backbone/contracts';

// Weighted scores are derived from the stored per-criterion scores and the call's weights;
// nobody types them in. Ranking compares exact fractions (integer hundredths over a review
// count), so rounding never reorders two applications.

/** One review's weighted score in hundredths of a point: Σ weight × score, from 0 to 10 000. */
function hundredths(weights: CriterionWeights, scores: CriterionScores): number {
  return CRITERIA.reduce((total, criterion) => total + weights[criterion] * scores[criterion], 0);
}

interface Mean {
  readonly total: number;
  readonly count: number;
}

function meanOf(weights: CriterionWeights, reviews: readonly CriterionScores[]): Mean {
  return { total: reviews.reduce((sum, scores) => sum + hundredths(weights, scores), 0), count: reviews.length };
}

const rounded = (mean: Mean): number => Math.round(mean.total / mean.count) / 100;

/** The mean over the reviews of Σ weight × score / 100 (0–100, two decimals); undefined without reviews. */
export function weightedScore(weights: CriterionWeights, reviews: readonly CriterionScores[]): number | undefined {
  return reviews.length === 0 ? undefined : rounded(meanOf(weights, reviews));
}

/** An application as ranking needs it; an `Application` state fits. */
export interface RankableApplication {
  readonly applicationId: string;
  readonly reviews: readonly { readonly scores: CriterionScores }[];
}

export interface RankedApplication {
  readonly applicationId: string;
  readonly reviewCount: number;
  /** Absent while nobody scored the application. */
  readonly weightedScore?: number;
  /** 1 for the best; equal scores share a rank (1, 2, 2, 4). Absent while unscored. */
  readonly rank?: number;
}

/** Ranks applications by weighted score, best first; unscored ones come last, without a rank. */
export function rankApplications(
  weights: CriterionWeights,
  applications: readonly RankableApplication[],
): RankedApplication[] {
  const byId = (a: { applicationId: string }, b: { applicationId: string }) =>
    a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  const withMeans = applications.map((application) => ({
    applicationId: application.applicationId,
    mean: meanOf(weights, application.reviews.map((review) => review.scores)),
  }));
  // a before b when a's mean is higher: a.total / a.count > b.total / b.count, compared without division.
  const better = (a: Mean, b: Mean) => b.total * a.count - a.total * b.count;
  const scored = withMeans.filter((a) => a.mean.count > 0).sort((a, b) => better(a.mean, b.mean) || byId(a, b));
  const unscored = withMeans.filter((a) => a.mean.count === 0).sort(byId);

  const ranked: RankedApplication[] = [];
  scored.forEach((entry, index) => {
    const previous = scored[index - 1];
    const tied = previous !== undefined && better(previous.mean, entry.mean) === 0;
    const rank = tied ? (ranked[index - 1]?.rank ?? index + 1) : index + 1;
    ranked.push({ applicationId: entry.applicationId, reviewCount: entry.mean.count, weightedScore: rounded(entry.mean), rank });
  });
  return [...ranked, ...unscored.map((entry) => ({ applicationId: entry.applicationId, reviewCount: 0 }))];
}
