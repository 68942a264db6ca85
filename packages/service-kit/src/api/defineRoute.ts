import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { requestContextOf } from '../correlation/requestContext.ts';
import { getIdentity, requireIdentity } from '../identity/authenticate.ts';
import { openObjectPaths, toJsonSchema } from '../openapi/jsonSchema.ts';
import { RequestParser } from './parseRequest.ts';
import { joinPath, pathParamNames } from './pathPattern.ts';
import type { CommandMethod, CommandResult, RouteDefinition } from './routeDefinition.ts';

type EmptyObject = z.ZodObject<{}, z.core.$strict>;

/** The params or query of a route that declares none (unknown keys dropped); built once, not per request. */
const NO_FIELDS = z.object({});

interface RouteSpec<TParams extends z.ZodObject, TQuery extends z.ZodObject> {
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly operationId?: string;
  /** Path parameters; must name every `:param` of `path`. */
  readonly params?: TParams;
  readonly query?: TQuery;
}

/** What a command handler receives; everything already validated. */
export interface CommandInput<TBody, TParams, TQuery> {
  readonly body: TBody;
  readonly params: TParams;
  readonly query: TQuery;
  /** From the verified credential, never from the body. */
  readonly department: string;
  readonly correlationId: string;
  readonly idempotencyKey: string | undefined;
  readonly req: Request;
}

export interface CommandSpec<TBody extends z.ZodType, TParams extends z.ZodObject, TQuery extends z.ZodObject>
  extends RouteSpec<TParams, TQuery> {
  readonly method: CommandMethod;
  /** A closed schema: every object in it strict (`z.strictObject`). Absent means an empty object. */
  readonly body?: TBody;
  readonly success: 200 | 201;
  handle(input: CommandInput<z.output<TBody>, z.output<TParams>, z.output<TQuery>>): Promise<CommandResult>;
}

/** What a query handler receives; `department` is undefined only on public queries. */
export interface QueryInput<TParams, TQuery, TDepartment> {
  readonly params: TParams;
  readonly query: TQuery;
  readonly department: TDepartment;
  readonly correlationId: string;
  readonly req: Request;
}

export interface QuerySpec<TParams extends z.ZodObject, TQuery extends z.ZodObject, TResponse extends z.ZodType, TPublic extends boolean>
  extends RouteSpec<TParams, TQuery> {
  readonly method?: 'GET';
  /** Documents the answer in OpenAPI. */
  readonly response?: TResponse;
  /** Readable without a credential. */
  readonly public?: TPublic;
  handle(
    input: QueryInput<z.output<TParams>, z.output<TQuery>, TPublic extends true ? string | undefined : string>,
  ): Promise<z.output<TResponse>>;
}

function checkDefinition(path: string, params: z.ZodObject | undefined, body: z.ZodType | undefined): void {
  const missing = pathParamNames(path).filter((name) => !(params && name in params.shape));
  if (missing.length > 0) throw new TypeError(`${path}: no params schema for ${missing.map((n) => `:${n}`).join(', ')}`);
  const open = body ? openObjectPaths(toJsonSchema(body, 'input')) : [];
  if (open.length > 0) throw new TypeError(`${path}: body objects must be strict (z.strictObject) at ${open.join(', ')}`);
}

function startRoute(req: Request, path: string): string {
  const context = requestContextOf(req);
  if (context) context.route = joinPath(req.baseUrl, path);
  return context?.correlationId ?? randomUUID();
}

/** A command route: strict body, params and query parsed with zod, `Idempotency-Key` passed through. */
export function defineCommand<
  TBody extends z.ZodType = EmptyObject,
  TParams extends z.ZodObject = EmptyObject,
  TQuery extends z.ZodObject = EmptyObject,
>(spec: CommandSpec<TBody, TParams, TQuery>): RouteDefinition {
  const body: z.ZodType = spec.body ?? z.strictObject({});
  checkDefinition(spec.path, spec.params, body);
  return {
    kind: 'command',
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    operationId: spec.operationId,
    public: false,
    success: spec.success,
    schemas: { body, params: spec.params, query: spec.query },
    async handler(req: Request, res: Response) {
      const correlationId = startRoute(req, spec.path);
      const { department } = requireIdentity(req);
      const parser = new RequestParser(req);
      const idempotencyKey = parser.idempotencyKey();
      const params = parser.part(spec.params ?? NO_FIELDS, req.params, 'params');
      const query = parser.part(spec.query ?? NO_FIELDS, req.query, 'query');
      const parsedBody = parser.part(body, req.body ?? {}, 'body');
      parser.assertValid();
      const result = await spec.handle({
        body: parsedBody as z.output<TBody>,
        params: params as z.output<TParams>,
        query: query as z.output<TQuery>,
        department,
        correlationId,
        idempotencyKey,
        req,
      });
      if (res.headersSent) return; // a timeout already answered
      res.status(spec.success).json({ id: result.id, version: result.version, eventIds: result.eventIds });
    },
  };
}

/** A read route: params and query parsed with zod; needs a credential unless `public`. */
export function defineQuery<
  TParams extends z.ZodObject = EmptyObject,
  TQuery extends z.ZodObject = EmptyObject,
  TResponse extends z.ZodType = z.ZodUnknown,
  TPublic extends boolean = false,
>(spec: QuerySpec<TParams, TQuery, TResponse, TPublic>): RouteDefinition {
  checkDefinition(spec.path, spec.params, undefined);
  const isPublic = spec.public === true;
  return {
    kind: 'query',
    method: 'GET',
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    operationId: spec.operationId,
    public: isPublic,
    success: 200,
    schemas: { params: spec.params, query: spec.query, response: spec.response },
    async handler(req: Request, res: Response) {
      const correlationId = startRoute(req, spec.path);
      const department = isPublic ? getIdentity(req)?.department : requireIdentity(req).department;
      const parser = new RequestParser(req);
      const params = parser.part(spec.params ?? NO_FIELDS, req.params, 'params');
      const query = parser.part(spec.query ?? NO_FIELDS, req.query, 'query');
      parser.assertValid();
      const result = await spec.handle({
        params: params as z.output<TParams>,
        query: query as z.output<TQuery>,
        department: department as TPublic extends true ? string | undefined : string,
        correlationId,
        req,
      });
      if (res.headersSent) return;
      res.status(200).json(result);
    },
  };
}
