import type { ErrorCode } from '@backbone/contracts';
import type { ApiRouter } from '../api/apiRouter.ts';
import { joinPath, pathParamNames, toOpenApiPath } from '../api/pathPattern.ts';
import type { RouteDefinition } from '../api/routeDefinition.ts';
import { PROBLEM_STATUS } from '../errors/problemStatus.ts';
import { toJsonSchema } from './jsonSchema.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { problemComponents } from './problemSchemas.ts';

/** An OpenAPI 3.1 document, loosely typed: it is built here and only serialised. */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Record<string, Record<string, JsonSchema>>;
  readonly components: JsonSchema;
  readonly security: readonly Record<string, readonly string[]>[];
}

export interface OpenApiMount {
  readonly prefix: string;
  readonly api: ApiRouter;
}

export interface OpenApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly mounts: readonly OpenApiMount[];
  /** Operations outside the mounts (health, JWKS, …), keyed by path then method. */
  readonly extraPaths?: Record<string, Record<string, JsonSchema>>;
  /** Whether an operation answers without a credential (beyond routes marked `public`). */
  readonly isPublic?: (method: string, path: string) => boolean;
}

const COMMAND_PROBLEMS: readonly ErrorCode[] = [
  'invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'version_conflict',
  'rule_violation', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'internal', 'unavailable',
];
const QUERY_PROBLEMS: readonly ErrorCode[] = [
  'invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'rate_limited', 'internal', 'unavailable',
];

function parameters(route: RouteDefinition, location: 'path' | 'query'): JsonSchema[] {
  const schema = location === 'path' ? route.schemas.params : route.schemas.query;
  if (!schema) return [];
  const json = toJsonSchema(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  const names = location === 'path' ? pathParamNames(route.path) : Object.keys(properties);
  return names.map((name) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: properties[name] ?? {},
    ...(typeof properties[name]?.['description'] === 'string' ? { description: properties[name]['description'] } : {}),
  }));
}

function operationIdOf(apiName: string, route: RouteDefinition): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return route.operationId ?? [apiName, route.method.toLowerCase(), ...words].join('_');
}

function operation(api: ApiRouter, route: RouteDefinition, isPublic: boolean): JsonSchema {
  const problems = route.kind === 'command' ? COMMAND_PROBLEMS : QUERY_PROBLEMS;
  const statuses = [...new Set(problems.map((code) => String(PROBLEM_STATUS[code].status)))];
  const success =
    route.kind === 'command'
      ? { $ref: '#/components/schemas/CommandResult' }
      : route.schemas.response
        ? toJsonSchema(route.schemas.response, 'output')
        : {};
  return {
    operationId: operationIdOf(api.name, route),
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [api.name],
    ...(isPublic ? { security: [] } : {}),
    parameters: [
      ...parameters(route, 'path'),
      ...parameters(route, 'query'),
      ...(route.kind === 'command' ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
    ],
    ...(route.schemas.body
      ? {
          requestBody: {
            // A command whose schema accepts {} may be sent without a body.
            required: !route.schemas.body.safeParse({}).success,
            content: { 'application/json': { schema: toJsonSchema(route.schemas.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.success)]: {
        description: route.kind === 'command' ? 'The command was accepted' : 'The requested data',
        content: { 'application/json': { schema: success } },
      },
      ...Object.fromEntries(statuses.map((status) => [status, { $ref: `#/components/responses/Problem${status}` }])),
    },
  };
}

/** The OpenAPI 3.1 document of every mounted router, bearer JWT security and problem responses. */
export function buildOpenApiDocument(options: OpenApiOptions): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = { ...options.extraPaths };
  for (const { prefix, api } of options.mounts) {
    for (const route of api.routes) {
      const fullPath = joinPath(prefix, route.path);
      const isPublic = route.public || (options.isPublic?.(route.method, fullPath) ?? false);
      const template = toOpenApiPath(fullPath);
      paths[template] = { ...paths[template], [route.method.toLowerCase()]: operation(api, route, isPublic) };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, ...(options.description ? { description: options.description } : {}) },
    paths,
    components: problemComponents(),
    security: [{ bearer: [] }],
  };
}
