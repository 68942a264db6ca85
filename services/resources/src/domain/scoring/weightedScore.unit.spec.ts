import { describe, expect, it } from 'vitest';
import type { CriterionScores } from '@backbone/contracts';
import { rankApplications, weightedScore } from './weightedScore.ts';
import { WEIGHTS } from '../testing/resourceFixtures.ts';

const s = (partyBuilding: number, theoryResearch: number, professionalValue: number, serviceScenarios: number): CriterionScores => ({
  partyBuilding,
  theoryResearch,
  professionalValue,
  serviceScenarios,
});
const reviews = (...scores: CriterionScores[]) => scores.map((one) => ({ scores: one }));

describe('weightedScore', () => {
  it('weighs each criterion by its percentage', () => {
    // 0.3×80 + 0.2×70 + 0.3×90 + 0.2×60 = 24 + 14 + 27 + 12
    expect(weightedScore(WEIGHTS, [s(80, 70, 90, 60)])).toBe(77);
  });
  it('averages the reviewers', () => {
    expect(weightedScore(WEIGHTS, [s(80, 70, 90, 60), s(100, 100, 100, 100)])).toBe(88.5);
  });
  it('rounds to two decimals', () => {
    expect(weightedScore(WEIGHTS, [s(1, 0, 0, 0), s(0, 0, 0, 0), s(0, 0, 0, 0)])).toBe(0.1);
    expect(weightedScore({ partyBuilding: 1, theoryResearch: 0, professionalValue: 0, serviceScenarios: 99 }, [s(33, 0, 0, 0), s(34, 0, 0, 0), s(34, 0, 0, 0)])).toBe(0.34);
  });
  it('spans 0 to 100', () => {
    expect(weightedScore(WEIGHTS, [s(0, 0, 0, 0)])).toBe(0);
    expect(weightedScore(WEIGHTS, [s(100, 100, 100, 100)])).toBe(100);
  });
  it('is undefined with no review', () => {
    expect(weightedScore(WEIGHTS, [])).toBeUndefined();
  });
  it('depends on the weights, not only on the scores', () => {
    const partyFirst = { partyBuilding: 70, theoryResearch: 10, professionalValue: 10, serviceScenarios: 10 };
    expect(weightedScore(partyFirst, [s(100, 0, 0, 0)])).toBe(70);
    expect(weightedScore(WEIGHTS, [s(100, 0, 0, 0)])).toBe(30);
  });
});

describe('rankApplications', () => {
  it('ranks best first, equal scores share a rank, unscored come last without one', () => {
    const ranked = rankApplications(WEIGHTS, [
      { applicationId: 'app-c', reviews: reviews(s(50, 50, 50, 50)) },
      { applicationId: 'app-unscored', reviews: [] },
      { applicationId: 'app-a', reviews: reviews(s(90, 90, 90, 90)) },
      { applicationId: 'app-d', reviews: reviews(s(40, 60, 40, 60), s(60, 40, 60, 40)) },
      { applicationId: 'app-b', reviews: reviews(s(50, 50, 50, 50)) },
    ]);
    expect(ranked).toEqual([
      { applicationId: 'app-a', reviewCount: 1, weightedScore: 90, rank: 1 },
      { applicationId: 'app-b', reviewCount: 1, weightedScore: 50, rank: 2 },
      { applicationId: 'app-c', reviewCount: 1, weightedScore: 50, rank: 2 },
      { applicationId: 'app-d', reviewCount: 2, weightedScore: 50, rank: 2 },
      { applicationId: 'app-unscored', reviewCount: 0 },
    ]);
  });
  it('compares exact means, so two scores that round alike are not a tie', () => {
    const weights = { partyBuilding: 1, theoryResearch: 0, professionalValue: 0, serviceScenarios: 99 };
    // 34.3233… against 34.32: both show as 34.32.
    const ranked = rankApplications(weights, [
      { applicationId: 'app-a', reviews: reviews(s(0, 0, 0, 34), s(0, 0, 0, 35), s(0, 0, 0, 35)) },
      { applicationId: 'app-b', reviews: reviews(s(1, 0, 0, 34), s(0, 0, 0, 35), s(0, 0, 0, 35)) },
    ]);
    expect(ranked.map((r) => [r.applicationId, r.weightedScore, r.rank])).toEqual([
      ['app-b', 34.32, 1],
      ['app-a', 34.32, 2],
    ]);
  });
  it('ranks nothing when there is nothing', () => {
    expect(rankApplications(WEIGHTS, [])).toEqual([]);
  });
});
