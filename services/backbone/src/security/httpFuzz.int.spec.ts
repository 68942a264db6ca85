// Property-based fuzzing of every command endpoint the embedded backbone lists in /openapi.json:
// malformed bodies, hostile headers and bad credentials never cause a 5xx, are always answered
// with application/problem+json, and never write an event (the log's head does not move).
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { craftedTokens } from './testing/craftedTokens.ts';
import { hostileHeaders, hostilePath, malformedBody, pathValue, send } from './testing/malformedInput.ts';
import type { Answer, SentRequest } from './testing/malformedInput.ts';
import { commandRoutes, fillPath, sampleBody } from './testing/openApiCommands.ts';
import type { CommandRoute, SampleContext } from './testing/openApiCommands.ts';
import { startSecurityBackbone } from './testing/securityBackbone.ts';
import type { SecurityBackbone } from './testing/securityBackbone.ts';

// ~2 000 requests in all; on two idle cores the file takes ~20 s, and stays under a minute under load.
const RUNS = { credentials: 400, malformedBodies: 1000, unauthorizedValidBodies: 500 };
const GHOST = 'fuzz-ghost-department';
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/'.split('');

describe('fuzzing the command endpoints', () => {
  let backbone: SecurityBackbone;
  let routes: CommandRoute[];
  let samples: SampleContext;
  let coordinatingToken: string;
  let ghostToken: string;
  let head: number;

  beforeAll(async () => {
    backbone = await startSecurityBackbone({ RATE_LIMIT_PER_MINUTE: '100000000' });
    routes = commandRoutes(backbone.openApi);
    samples = { doc: backbone.openApi, ...backbone.directory, idOf: () => undefined, now: new Date(), hints: {} };
    coordinatingToken = await backbone.token(backbone.directory.coordinating);
    ghostToken = await backbone.token(GHOST);
    head = await backbone.headPosition();
  });

  afterAll(async () => {
    await backbone?.stop();
  });

  const route = (): Arbitrary<CommandRoute> => fc.constantFrom(...routes);
  const unknownIdPath = (r: CommandRoute): string => fillPath(r.path, () => `fuzz-unknown-${r.path.length}`);
  const jsonBodyOf = (r: CommandRoute): string => JSON.stringify(sampleBody(r, samples) ?? {});

  async function expectRefusedWithoutWrite(request: SentRequest, answer: Answer): Promise<void> {
    const context = `${request.method} ${request.path.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
    expect(answer.status, context).toBeGreaterThanOrEqual(400);
    expect(answer.status, context).toBeLessThan(500);
    expect(answer.contentType, context).toBe('application/problem+json');
    expect(await backbone.headPosition(), `an event was written by ${context}`).toBe(head);
  }

  it('lists command endpoints of every mounted context', () => {
    const prefixes = new Set(routes.map((r) => r.path.split('/')[2]));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(prefixes).toContain('tasks');
    expect(prefixes).toContain('reference');
  });

  it('refuses every crafted credential with 401 (each one on several command endpoints, each endpoint with several)', async () => {
    const config = loadConfig({});
    const crafted = craftedTokens({
      keysDir: backbone.keysDir,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      department: backbone.directory.coordinating,
      genuineToken: ghostToken,
      now: new Date(),
    });
    // Every crafted credential meets at least two routes, and every route at least two credentials.
    const tokens = Object.entries(crafted);
    for (let i = 0; i < 2 * Math.max(tokens.length, routes.length); i++) {
      const [name, token] = tokens[i % tokens.length]!;
      const r = routes[i % routes.length]!;
      const request = { method: r.method, path: unknownIdPath(r), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: jsonBodyOf(r) };
      const answer = await send(backbone.url, request);
      expect(answer.status, `${name} on ${r.name}: ${answer.text}`).toBe(401);
      await expectRefusedWithoutWrite(request, answer);
    }
  });

  it('refuses random, truncated, altered and misnamed credentials with 401', async () => {
    const genuine = fc.constantFrom(coordinatingToken, ghostToken);
    const credential: Arbitrary<string | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 300, unit: 'grapheme-ascii' }),
      fc.string({ maxLength: 300, unit: 'grapheme-ascii' }).map((text) => `Bearer ${text}`),
      fc.tuple(fc.constantFrom('Basic', 'Token', 'JWT', 'Digest', 'Bearer:'), genuine).map(([scheme, token]) => `${scheme} ${token}`),
      fc.tuple(genuine, fc.nat()).map(([token, n]) => `Bearer ${token.slice(0, n % (token.length - 1))}`),
      // One character of the signed header or payload replaced: the signing input no longer matches.
      fc.tuple(genuine, fc.nat(), fc.constantFrom(...TOKEN_CHARS.slice(0, 64))).map(([token, n, char]) => {
        const signedLength = token.lastIndexOf('.');
        const at = n % signedLength;
        const replacement = token[at] === char ? (char === 'A' ? 'B' : 'A') : char;
        return `Bearer ${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
      }),
      fc.tuple(genuine, fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...TOKEN_CHARS) })).map(([token, tail]) => `Bearer ${token}${tail}`),
    );
    await fc.assert(
      fc.asyncProperty(route(), credential, fc.boolean(), hostileHeaders, async (r, authorization, validBody, headers) => {
        const request = {
          method: r.method,
          path: unknownIdPath(r),
          headers: { 'content-type': 'application/json', ...headers, ...(authorization === undefined ? {} : { authorization }) },
          body: validBody ? jsonBodyOf(r) : '{"x":',
        };
        const answer = await send(backbone.url, request);
        expect(answer.status, `${authorization ?? '(none)'} on ${r.name}: ${answer.text}`).toBe(401);
        await expectRefusedWithoutWrite(request, answer);
      }),
      { numRuns: RUNS.credentials },
    );
  });

  it('refuses malformed bodies and hostile headers from the coordinating department, writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(route(), pathValue, malformedBody, hostileHeaders, async (r, parameter, body, headers) => {
        const request = { method: r.method, path: hostilePath(r, parameter), headers: { ...headers, authorization: `Bearer ${coordinatingToken}` }, body };
        await expectRefusedWithoutWrite(request, await send(backbone.url, request));
      }),
      { numRuns: RUNS.malformedBodies },
    );
  });

  it('refuses valid and altered bodies from a department the directory does not know, writing nothing', async () => {
    const alteration = fc.option(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(route(), pathValue, alteration, hostileHeaders, fc.boolean(), async (r, parameter, change, headers, jsonType) => {
        const body = (sampleBody(r, samples) ?? {}) as Record<string, unknown>;
        const keys = Object.keys(body);
        if (change && keys.length > 0) body[keys[change[0] % keys.length]!] = change[1];
        const request = {
          method: r.method,
          path: hostilePath(r, parameter),
          headers: { ...headers, ...(jsonType ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${ghostToken}` },
          body: JSON.stringify(body),
        };
        await expectRefusedWithoutWrite(request, await send(backbone.url, request));
      }),
      { numRuns: RUNS.unauthorizedValidBodies },
    );
  });

  // Keeps the oracle honest: the head read from the file does move when a command is accepted.
  it('sees the head move when a genuine command is accepted', async () => {
    const createTask = routes.find((r) => r.name === 'POST /api/tasks');
    expect(createTask).toBeDefined();
    const answer = await send(backbone.url, {
      method: 'POST',
      path: '/api/tasks',
      headers: { authorization: `Bearer ${coordinatingToken}`, 'content-type': 'application/json' },
      body: jsonBodyOf(createTask!),
    });
    expect(answer.status, answer.text).toBe(201);
    expect(await backbone.headPosition()).toBeGreaterThan(head);
  });
});
