// Deny by default, checked from the outside: every command route of every context in
// /openapi.json refuses a department that has no part in it, and an inbox is readable only by
// its department and the coordinating one. Routes added later are covered without editing this.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './testing/malformedInput.ts';
import { collectionOf, commandRoutes, fillPath, sampleBody, scopeOf } from './testing/openApiCommands.ts';
import type { CommandRoute, SampleContext } from './testing/openApiCommands.ts';
import { startSecurityBackbone } from './testing/securityBackbone.ts';
import type { SecurityBackbone } from './testing/securityBackbone.ts';

/** A department credential the directory does not know: related to nothing, so refused everything. */
const UNRELATED = 'unrelated-department';

/**
 * Values for properties whose rules a JSON Schema cannot state. If a route answers the sampled
 * body with 400, add the property here: the test must reach the authorization, not the validator.
 */
const BODY_HINTS: Readonly<Record<string, unknown>> = {
  weights: { partyBuilding: 25, theoryResearch: 25, professionalValue: 25, serviceScenarios: 25 },
  kind: 'expert',
  tier: 'entry',
  scope: 'common',
  sector: 'university',
  amountFen: 1_000_000,
  opensAt: new Date(Date.now() - 86_400_000).toISOString(),
};

/** Commands the coordinating department also runs while setting up, so that later aggregates can be made. */
const SETUP_COMMANDS: readonly string[] = ['POST /api/resources/pools/{id}/contributions', 'POST /api/talent/think-tank/members'];

/** Collections whose ids are another collection's (a think-tank member is a person). */
const SAME_IDS: Readonly<Record<string, string>> = { members: 'people' };

interface Outcome {
  readonly route: string;
  readonly target: 'existing' | 'unknown' | 'none';
  readonly status: number;
  readonly detail: string;
}

describe('authorization coverage of the HTTP API', () => {
  let backbone: SecurityBackbone;
  let routes: CommandRoute[];
  const created = new Map<string, string>();
  let samples: SampleContext;
  const setupFailures: string[] = [];

  /** Made in `scope` first (`/api/talent` + `policies` finds `incentive-policies`), then anywhere. */
  function createdId(collection: string, scope?: string): string | undefined {
    const keys = [...created.keys()];
    const inScope = keys.find((key) => key === `${scope}/${collection}`) ?? keys.find((key) => key.startsWith(`${scope}/`) && key.endsWith(`-${collection}`));
    const anywhere = keys.find((key) => key.endsWith(`/${collection}`));
    const key = inScope ?? anywhere;
    return key === undefined ? undefined : created.get(key);
  }

  const bearer = async (department: string) => ({ authorization: `Bearer ${await backbone.token(department)}`, 'content-type': 'application/json' });

  /** A POST that makes an aggregate readable at `…/<collection>/{id}` (tasks, pools, calls, applications …). */
  function createdCollection(route: CommandRoute, all: readonly string[]): string | undefined {
    if (route.method !== 'POST') return undefined;
    const collection = route.path.split('/').at(-1) ?? '';
    const context = route.path.split('/').slice(0, 3).join('/');
    return all.some((path) => path.startsWith(`${context}/`) && path.endsWith(`/${collection}/{id}`)) ? collection : undefined;
  }

  beforeAll(async () => {
    backbone = await startSecurityBackbone();
    routes = commandRoutes(backbone.openApi);
    const { departments, fields, coordinating } = backbone.directory;
    const known: Record<string, string | undefined> = { departments: departments.at(-1), fields: fields.at(-1) };
    samples = {
      doc: backbone.openApi,
      ...backbone.directory,
      idOf: (collection, scope) => createdId(SAME_IDS[collection] ?? collection, scope) ?? known[collection],
      now: new Date(),
      hints: BODY_HINTS,
    };
    // The coordinating department makes one aggregate of each kind it can, so the unrelated
    // department is refused on real aggregates and not merely on missing ones.
    const getPaths = Object.entries(backbone.openApi.paths).filter(([, ops]) => 'get' in ops).map(([path]) => path);
    for (const route of routes) {
      const collection = createdCollection(route, getPaths);
      const setup = SETUP_COMMANDS.includes(route.name);
      const key = `${scopeOf(route.path)}/${collection}`;
      if (!setup && (!collection || created.has(key))) continue;
      const path = fillPath(route.path, (_param, parent) => samples.idOf(parent ?? '', scopeOf(route.path)) ?? 'unknown');
      const answer = await send(backbone.url, { method: 'POST', path, headers: await bearer(coordinating), body: JSON.stringify(sampleBody(route, samples) ?? {}) });
      if (answer.status !== 201 && answer.status !== 200) setupFailures.push(`${route.name} → ${answer.status} ${answer.text.slice(0, 300)}`);
      else if (collection && !setup) created.set(key, (JSON.parse(answer.text) as { id: string }).id);
    }
  });

  afterAll(async () => {
    await backbone?.stop();
  });

  it('made real aggregates to aim at', () => {
    expect(createdId('tasks', '/api/tasks')).toMatch(/^task-/);
  });

  it('refuses every command of every context to a department the directory does not know (401), writing nothing', async () => {
    const head = await backbone.headPosition();
    const headers = await bearer(UNRELATED);
    const outcomes: Outcome[] = [];
    for (const route of routes) {
      const collection = collectionOf(route.path);
      const scope = scopeOf(route.path);
      const existing = collection === undefined ? undefined : samples.idOf(collection, scope);
      const target = collection === undefined ? 'none' : existing ? 'existing' : 'unknown';
      const path = fillPath(route.path, (_param, parent) => samples.idOf(parent ?? '', scope) ?? `unknown-${parent ?? 'aggregate'}`);
      const answer = await send(backbone.url, { method: route.method, path, headers, body: JSON.stringify(sampleBody(route, samples) ?? {}) });
      outcomes.push({ route: route.name, target, status: answer.status, detail: answer.text.slice(0, 300) });
    }
    if (process.env.SECURITY_COVERAGE_REPORT === '1') {
      console.table(outcomes.map(({ detail: _detail, ...o }) => o));
      console.log(setupFailures.join('\n'));
    }
    // A validly signed credential is not enough: it must name a department of the directory.
    // (Each context's authorization table is tested as a full matrix beside its decider.)
    const wrong = outcomes.filter((o) => o.status !== 401);
    expect(wrong, JSON.stringify(wrong, null, 2)).toEqual([]);
    expect(await backbone.headPosition()).toBe(head);
  });

  it('lets only the department itself and the coordinating department read an inbox', async () => {
    const { departments, coordinating } = backbone.directory;
    const wrong: string[] = [];
    for (const caller of [...departments, UNRELATED]) {
      const headers = await bearer(caller);
      for (const inbox of departments) {
        const answer = await send(backbone.url, { method: 'GET', path: `/api/departments/${inbox}/tasks`, headers, body: undefined });
        const expected = caller === UNRELATED ? 401 : caller === inbox || caller === coordinating ? 200 : 403;
        if (answer.status !== expected) wrong.push(`${caller} reading ${inbox}: ${answer.status} (expected ${expected})`);
        if (expected !== 200 && answer.contentType !== 'application/problem+json') wrong.push(`${caller} reading ${inbox}: not a problem`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
