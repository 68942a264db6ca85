// Reads the command routes out of a running backbone's /openapi.json and builds, from each
// route's JSON Schema, a body that passes validation — so a security test reaches the handler
// (and its authorization) on every route, including routes added after this file was written.

/** The part of JSON Schema that zod's `toJSONSchema` emits for command bodies. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly format?: string;
  readonly pattern?: string;
}

interface OpenApiOperation {
  readonly operationId?: string;
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

/** One command endpoint: a body-carrying method on a path template such as `/api/tasks/{id}/accept`. */
export interface CommandRoute {
  readonly method: string;
  readonly path: string;
  readonly body: JsonSchema | undefined;
  /** `POST /api/tasks/{id}/accept` */
  readonly name: string;
}

const COMMAND_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** Every command route of the document, in document order. */
export function commandRoutes(doc: OpenApiDocument): CommandRoute[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => COMMAND_METHODS.has(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        body: operation.requestBody?.content?.['application/json']?.schema,
        name: `${method.toUpperCase()} ${path}`,
      })),
  );
}

/** The collection a path parameter belongs to: `applications` in `/applications/{id}/scores`. */
export function collectionOf(path: string, param = '{id}'): string | undefined {
  const segments = path.split('/');
  const index = segments.indexOf(param);
  return index > 0 ? segments[index - 1] : undefined;
}

/** Replaces each `{param}` of a path template; `value` gets the parameter and its collection. */
export function fillPath(path: string, value: (param: string, collection: string | undefined) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_match, param: string) => encodeURIComponent(value(param, collectionOf(path, `{${param}}`))));
}

/** What a sampled body may refer to: the directory, aggregates made earlier, fixed values by property name. */
export interface SampleContext {
  readonly doc: OpenApiDocument;
  readonly departments: readonly string[];
  readonly fields: readonly string[];
  /** An existing aggregate of a collection (`pools`), if one was made; `scope` (`/api/talent`) is preferred. */
  readonly idOf: (collection: string, scope?: string) => string | undefined;
  readonly now: Date;
  /** Values for properties of these names that the schema leaves open (no enum or const) but the domain does not. */
  readonly hints: Readonly<Record<string, unknown>>;
}

const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const DAY_MS = 86_400_000;

function resolve(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return resolve(target, doc);
}

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : (schema.type as string | undefined);

/** A minimal valid value of `schema`; `name` is the property it is for (it picks ids and slugs). */
export function sampleValue(schema: JsonSchema, context: SampleContext, name = '', dates = { next: 1 }): unknown {
  const resolved = resolve(schema, context.doc);
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum && resolved.enum.length > 0) return resolved.enum[0];
  if (Object.hasOwn(context.hints, name)) return context.hints[name];
  const branch = resolved.oneOf?.[0] ?? resolved.anyOf?.[0];
  if (branch) return sampleValue(branch, context, name, dates);
  if (resolved.allOf) {
    return Object.assign({}, ...resolved.allOf.map((part) => sampleValue(part, context, name, dates) as object));
  }
  switch (typeOf(resolved)) {
    case 'object': {
      const entries = (resolved.required ?? []).map((key) => [key, sampleValue(resolved.properties?.[key] ?? {}, context, key, dates)]);
      return Object.fromEntries(entries);
    }
    case 'array': {
      const count = Math.max(resolved.minItems ?? 0, 1);
      const item = resolved.items ?? {};
      return Array.from({ length: count }, () => sampleValue(item, context, name, dates));
    }
    case 'integer':
    case 'number': {
      const low = resolved.minimum ?? (resolved.exclusiveMinimum === undefined ? 1 : resolved.exclusiveMinimum + 1);
      return Math.min(Math.max(low, 1), resolved.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'string':
      return sampleString(resolved, context, name, dates);
    default:
      return {};
  }
}

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = { person: 'people' };
const pluralOf = (noun: string): string => IRREGULAR_PLURALS[noun] ?? (noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`);

function sampleString(schema: JsonSchema, context: SampleContext, name: string, dates: { next: number }): string {
  if (schema.format === 'date-time') {
    // Each date of one body lies a day after the previous one (opensAt < closesAt < endsAt …).
    const offset = dates.next++;
    return new Date(context.now.getTime() + (30 + offset) * DAY_MS).toISOString();
  }
  if (schema.format === 'date') return new Date(context.now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email') return 'fuzz@example.org';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.org/fuzz';
  if (schema.pattern === SLUG) {
    const isField = /field/i.test(name);
    return (isField ? context.fields[0] : context.departments[0]) ?? 'unknown';
  }
  const singular = /^(.+)Id$/.exec(name)?.[1];
  const existing = singular ? (context.idOf(pluralOf(singular)) ?? context.idOf(`${singular}s`)) : undefined;
  if (existing) return existing;
  if (schema.pattern) return 'fuzz-sample-1';
  const length = Math.min(Math.max(schema.minLength ?? 1, 12), schema.maxLength ?? 12);
  return 'fuzz sample '.padEnd(length, 'x').slice(0, length);
}

/** The context prefix of a route: `/api/talent` for `/api/talent/people/{id}/tier`. */
export const scopeOf = (path: string): string => path.split('/').slice(0, 3).join('/');

/** A body of `route` that its schema accepts (undefined when the route takes none); ids come from its own context first. */
export function sampleBody(route: CommandRoute, context: SampleContext): unknown {
  const scope = scopeOf(route.path);
  return route.body ? sampleValue(route.body, { ...context, idOf: (collection) => context.idOf(collection, scope) }) : undefined;
}
