import type { CriterionWeights } from '@backbone/contracts';
import type { ViewReader } from '@backbone/views';
import { rankApplications } from '../domain/index.ts';
import type { RankedApplication } from '../domain/index.ts';
import { FUNDS_COUNTS, FUNDS_KINDS, fundsCounter, fundsFieldScope } from './fundsCounters.ts';
import type { FundsMetric, FundsScope } from './fundsCounters.ts';
import { BOARD_APPLICATIONS, callApplicationsSet } from './resourcesBoardProjection.ts';
import type { ApplicationDocument } from './resourcesBoardProjection.ts';

/** The funds numbers of one scope. Money in fen. */
export interface FundsNumbers {
  /** Contributed to pools (in a field row: to pools dedicated to that field). */
  readonly pooledFen: number;
  /** Reserved by the budgets of calls in the scope. */
  readonly budgetedFen: number;
  /** Awarded, every grant counted once at its full amount. */
  readonly awardedFen: number;
  /** Given back to calls by revocations (what the revoked grants had not paid out). */
  readonly returnedFen: number;
  readonly disbursedFen: number;
  /** disbursed / (awarded − returned): the share of the money still owed to projects that reached them; null before any award. */
  readonly utilisation: number | null;
  readonly pools: number;
  readonly calls: number;
  readonly applications: number;
  /** Applications with at least one review. */
  readonly scoredApplications: number;
  readonly awards: number;
  readonly revocations: number;
  /** Policies naming the field (in the plan row: every policy once). */
  readonly policies: number;
}

export interface FundsBoard {
  readonly totals: FundsNumbers;
  /** One row per key field of the directory, in its order, funds or not. */
  readonly fields: readonly (FundsNumbers & { readonly id: string; readonly name: string })[];
}

const METRICS: readonly FundsMetric[] = [...FUNDS_KINDS.map((kind): FundsMetric => `${kind}Fen`), ...FUNDS_COUNTS];

/** Utilisation, rounded to four decimals; null while nothing is owed. */
function utilisationOf(numbers: Omit<FundsNumbers, 'utilisation'>): number | null {
  const owed = numbers.awardedFen - numbers.returnedFen;
  return owed > 0 ? Math.round((numbers.disbursedFen / owed) * 10_000) / 10_000 : null;
}

/** The funds numbers of one scope, read from the `resources-board` counters. */
export async function fundsNumbers(reader: ViewReader, scope: FundsScope): Promise<FundsNumbers> {
  const values = await Promise.all(METRICS.map((metric) => reader.counter(fundsCounter(scope, metric))));
  const numbers = Object.fromEntries(METRICS.map((metric, i) => [metric, values[i] ?? 0])) as Record<FundsMetric, number>;
  return { ...numbers, utilisation: utilisationOf(numbers) };
}

/** The funds board: plan totals and one row per key field. */
export async function fundsBoard(reader: ViewReader, fields: readonly { readonly id: string; readonly name: string }[]): Promise<FundsBoard> {
  const [totals, ...rows] = await Promise.all([
    fundsNumbers(reader, 'all'),
    ...fields.map((field) => fundsNumbers(reader, fundsFieldScope(field.id))),
  ]);
  return { totals: totals!, fields: fields.map((field, i) => ({ id: field.id, name: field.name, ...rows[i]! })) };
}

/** A call's applications ranked by their weighted score under the call's weights (derived, never stored). */
export async function callRanking(reader: ViewReader, callId: string, weights: CriterionWeights): Promise<RankedApplication[]> {
  const ids = await reader.members(callApplicationsSet(callId));
  const docs = await reader.getMany<ApplicationDocument>(BOARD_APPLICATIONS, ids);
  return rankApplications(weights, docs.filter((doc): doc is ApplicationDocument => doc !== undefined));
}
