// What must hold after every fault: acknowledged events in the store and on Kafka, views caught
// up, and the live board equal to a fresh rebuild from the log (so no event was applied twice).
import { DEPARTMENT_INBOX, ONE_BOARD } from '@backbone/service-board';
import type { PlanBoard } from '@backbone/service-board';
import { REFERENCE_DIRECTORY } from '@backbone/service-reference';
import { expect } from 'vitest';
import type { FaultDeployment } from './faultDeployment.ts';
import type { ConsumerGroup, KafkaLog } from './kafkaLog.ts';
import type { CommandLedger } from './loadDriver.ts';
import { recountLoad } from './loadRecount.ts';
import type { StoreLog } from './storeLog.ts';
import type { Behind, ViewMarks } from './viewMarks.ts';

/** The task views every acknowledged command must reach. */
export const TASK_VIEWS = [ONE_BOARD, DEPARTMENT_INBOX] as const;

export interface Evidence {
  readonly deployment: FaultDeployment;
  readonly ledger: CommandLedger;
  readonly log: StoreLog;
  readonly kafka: KafkaLog;
  readonly marks: ViewMarks;
  /** The department whose credential reads every board row and inbox. */
  readonly coordinating: string;
  /** Departments whose inboxes are compared. */
  readonly departments: readonly string[];
  /** The reference streams' versions in the log (the directory every board answer needs); the load never moves them. */
  readonly reference: ReadonlyMap<string, number>;
}

/** A short description of views that have not caught up. */
export const describeBehind = (behind: readonly Behind[]) =>
  `${behind.length} behind, e.g. ${JSON.stringify(behind.slice(0, 5))}`;

/**
 * Polls the live task views until each has applied `wanted` (task → version), and the reference
 * directory the whole reference log (without it the board answers 503); resolves with the moment
 * it saw them caught up, or without one when `timeoutMs` passed first — or, with `stallMs`, when
 * the number of aggregates behind stopped shrinking for that long.
 */
export async function waitForViews(
  evidence: Evidence,
  wanted: ReadonlyMap<string, number>,
  timeoutMs: number,
  stallMs = Number.POSITIVE_INFINITY,
): Promise<{ at?: number; behind: readonly Behind[] }> {
  const deadline = Date.now() + timeoutMs;
  let fewest = Number.POSITIVE_INFINITY;
  let improvedAt = Date.now();
  for (;;) {
    let behind: readonly Behind[];
    try {
      behind = [...(await evidence.marks.behind(TASK_VIEWS, wanted)), ...(await evidence.marks.behind([REFERENCE_DIRECTORY], evidence.reference))];
    } catch (error) {
      behind = [{ projection: 'redis', subject: String(error), applied: undefined, wanted: 0 }];
    }
    if (behind.length === 0) return { at: Date.now(), behind };
    if (behind.length < fewest) {
      fewest = behind.length;
      improvedAt = Date.now();
    }
    if (Date.now() > deadline || Date.now() - improvedAt > stallMs) return { behind };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** With the load paused: waits until the views applied every task event the log holds (acknowledged or not). */
export async function waitQuiescent(evidence: Evidence, timeoutMs: number): Promise<readonly Behind[]> {
  await evidence.log.refresh();
  return (await waitForViews(evidence, evidence.log.streamVersions('tasks'), timeoutMs)).behind;
}

/**
 * With the load paused: waits until every consumer group of the deployment (one per projection
 * here) is stable with a member and has committed the end of the topics it consumes; resolves
 * with the groups that were not within `timeoutMs`. Being caught up is not enough on a quiet
 * topic (the reference directory's): its group looks caught up while its consumer is still out
 * of it after a broker restart, or while the group waits in a rebalance for a lost member's
 * session to time out — and would not see the next event for that long.
 */
export async function waitGroupsCaughtUp(evidence: Evidence, timeoutMs: number): Promise<readonly ConsumerGroup[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const short = (await evidence.kafka.consumerGroups()).filter((g) => g.state !== 'Stable' || g.members === 0 || g.behind > 0);
    if (short.length === 0 || Date.now() > deadline) return short;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Every acknowledged command's events are in the log, on its task, ending at the acknowledged version. */
export async function checkAcknowledgedInStore(evidence: Evidence): Promise<void> {
  await evidence.log.refresh();
  const problems: string[] = [];
  for (const ack of evidence.ledger.acknowledged()) {
    const events = ack.eventIds.map((id) => evidence.log.byId(id));
    const missing = ack.eventIds.filter((_, i) => events[i] === undefined);
    if (missing.length > 0) problems.push(`${ack.command} ${ack.taskId}@${ack.version}: events ${missing.join(', ')} not in the log`);
    else if (events.some((e) => e?.subject !== ack.taskId) || Math.max(...events.map((e) => e?.streamversion ?? 0)) !== ack.version) {
      problems.push(`${ack.command} ${ack.taskId}@${ack.version}: the log has ${JSON.stringify(events.map((e) => [e?.subject, e?.streamversion]))}`);
    }
    if (ack.eventIds.length === 0) problems.push(`${ack.command} ${ack.taskId}@${ack.version} acknowledged without an event`);
  }
  if (problems.length > 0) throw new Error(`acknowledged commands missing from the event log (${problems.length}):\n${problems.slice(0, 20).join('\n')}`);
}

/** What the broker holds of the log. */
export interface KafkaCheck {
  readonly messages: number;
  /** Event ids published more than once (a relay republishing after a crash or a lost checkpoint). */
  readonly republished: number;
}

/** Every acknowledged event, and every event of the log, is on the namespace's context topics; no dead letters. */
export async function checkOnKafka(evidence: Evidence): Promise<KafkaCheck> {
  await evidence.log.refresh();
  const { context, deadLetter } = await evidence.kafka.topics();
  const seen = await evidence.kafka.eventIds(context);
  const missingAcknowledged = evidence.ledger.acknowledged().flatMap((ack) => ack.eventIds.filter((id) => !seen.has(id)));
  if (missingAcknowledged.length > 0) {
    throw new Error(`${missingAcknowledged.length} acknowledged event(s) not on Kafka (${context.join(', ')}): ${missingAcknowledged.slice(0, 10).join(', ')}`);
  }
  const missingFromLog = evidence.log.events().filter((event) => !seen.has(event.id));
  if (missingFromLog.length > 0) {
    throw new Error(`${missingFromLog.length} logged event(s) not on Kafka: ${missingFromLog.slice(0, 10).map((e) => `${e.type} ${e.id}`).join(', ')}`);
  }
  const deadLetters = await evidence.kafka.messageCount(deadLetter);
  if (deadLetters > 0) throw new Error(`${deadLetters} record(s) were dead-lettered (${deadLetter.join(', ')})`);
  return { messages: [...seen.values()].reduce((sum, n) => sum + n, 0), republished: [...seen.values()].filter((n) => n > 1).length };
}

/** The board and the compared inboxes as one process serves them. */
async function readViews(evidence: Evidence, role: 'board' | 'recount') {
  const client = evidence.deployment.client(role, evidence.coordinating);
  const board = await client.get<PlanBoard>('/api/board');
  const inboxes = await Promise.all(
    evidence.departments.map(async (department) => (await client.get<unknown>(`/api/departments/${department}/tasks?limit=200`)).body),
  );
  if (board.status !== 200) throw new Error(`the ${role} process answered /api/board with ${board.status}: ${JSON.stringify(board.body)}`);
  return { board: board.body, inboxes };
}

/**
 * Rebuilds every view from the log into the recount namespace (`backbone rebuild all`) and
 * returns the live and the rebuilt board and inboxes. Call with the load paused and the views quiescent.
 */
export async function liveAndRebuilt(evidence: Evidence) {
  const rebuild = await evidence.deployment.rebuildAll('recount');
  if (rebuild.code !== 0) throw new Error(`backbone rebuild all (recount) failed with ${rebuild.code}\n${rebuild.stdout}\n${rebuild.stderr}`);
  const [live, rebuilt] = await Promise.all([readViews(evidence, 'board'), readViews(evidence, 'recount')]);
  return { live, rebuilt };
}

/** The live board equals a fresh rebuild from the log exactly, and the load's own recount of the log. */
export async function checkBoardEqualsRebuild(evidence: Evidence): Promise<PlanBoard> {
  const { live, rebuilt } = await liveAndRebuilt(evidence);
  expect(live.board, 'the live board equals a rebuild from the log').toEqual(rebuilt.board);
  expect(live.inboxes, 'the live inboxes equal a rebuild from the log').toEqual(rebuilt.inboxes);

  const recount = recountLoad(evidence.log.events());
  const { totals, departments } = live.board;
  expect({
    tasks: totals.tasks,
    byStatus: { created: totals.byStatus.created, assigned: totals.byStatus.assigned, in_progress: totals.byStatus.in_progress },
    acceptances: totals.acceptances,
    averageProgress: totals.averageProgress,
  }, 'the board equals the recount of the log').toEqual({
    tasks: recount.tasks,
    byStatus: recount.byStatus,
    acceptances: recount.acceptances,
    averageProgress: recount.averageProgress,
  });
  for (const row of departments) expect(row.tasks, `tasks led by ${row.id}`).toBe(recount.tasksByDepartment[row.id] ?? 0);
  return live.board;
}

