import type { FundsBoard } from '@backbone/service-resources';
import { expect } from 'vitest';
import type { Config } from '../../config.ts';
import { api, describeInBothModes, eventually, tokenIssuer } from '../../testing/index.ts';
import type { ApiClient } from '../../testing/index.ts';
import type { RunningBackbone } from '../startBackbone.ts';
import { runVentureOverHttp } from './testing/ventureOverHttp.ts';
import type { ClientFor } from './testing/ventureOverHttp.ts';

const COORDINATING = 'social-work';
const FIELD = 'micro-economy-joint-services';
const [SPONSOR, SECOND, THIRD] = ['science-technology', 'civil-affairs', 'department-4'] as const;

type FieldRow = FundsBoard['fields'][number];
type InboxPage = { items: { taskId: string; role: string; lead: string; dueDate: string; status: string }[] };
type Ranking = { ranking: { applicationId: string; rank?: number }[] };

/** Drives the venture over HTTP and checks the funds board, the call's ranking, the delivery task and the gauges. */
async function ventureEndToEnd(backbone: RunningBackbone, config: Config) {
  const tokens = tokenIssuer({ dataDir: config.DATA_DIR });
  const clientFor: ClientFor = async (department) => api(backbone.url, await tokens(department));
  const coordinating: ApiClient = await clientFor(COORDINATING);
  await eventually('ready', () => api(backbone.url).get('/readyz'), (r) => r.status === 200, { timeoutMs: 45_000 });

  const run = await runVentureOverHttp(clientFor, { coordinating: COORDINATING, sponsor: SPONSOR, others: [SECOND, THIRD], field: FIELD });

  const ranking = await eventually(
    'the call ranking',
    () => coordinating.get<Ranking>(`/api/resources/calls/${run.callId}/ranking`),
    (r) => r.body.ranking.filter((a) => a.rank !== undefined).length === 3,
    { timeoutMs: 45_000 },
  );
  expect(ranking.body.ranking.map((r) => r.applicationId)).toEqual([run.applicationIds[0], run.applicationIds[2], run.applicationIds[1]]);

  const board = await eventually(
    'the funds board to count the venture',
    () => coordinating.get<{ sections?: { funds?: FundsBoard } }>('/api/board'),
    (b) => b.body.sections?.funds?.fields.find((f) => f.id === FIELD)?.disbursedFen === run.adds.disbursedFen,
    { timeoutMs: 45_000 },
  );
  const row = board.body.sections!.funds!.fields.find((f) => f.id === FIELD)!;
  expect(row).toMatchObject({ ...run.adds, returnedFen: 0, utilisation: 0.4, revocations: 0, policies: 0 } satisfies Partial<FieldRow>);
  expect(board.body.sections!.funds!.totals).toMatchObject(run.adds);

  const sponsor = await clientFor(SPONSOR);
  const taskId = `task-grant-${run.grantId}`;
  const inbox = await eventually(
    'the delivery task in the sponsor’s inbox',
    () => sponsor.get<InboxPage>(`/api/departments/${SPONSOR}/tasks?field=${FIELD}`),
    (page) => page.status === 200 && page.body.items.some((item) => item.taskId === taskId),
    { timeoutMs: 45_000 },
  );
  expect(inbox.body.items).toEqual([expect.objectContaining({ taskId, role: 'lead', lead: SPONSOR, dueDate: run.endsAt, status: 'assigned' })]);

  const metrics = (await api(backbone.url).get<string>('/metrics')).body;
  expect(metrics).toMatch(new RegExp(`backbone_board_field_funds_fen\\{field="${FIELD}",kind="awarded"[^}]*\\} 2500000`));
}

describeInBothModes('resources', 'pool → contributions → call → applications → scores → award → tranche: board, ranking, delivery task', ventureEndToEnd);
