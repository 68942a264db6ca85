import { BackboneError } from '@backbone/contracts';
import express from 'express';
import type { Request, RequestHandler } from 'express';
import { exceedsJsonDepth } from './jsonDepth.ts';

export interface JsonBodyOptions {
  /** Largest accepted body, bytes or a string such as `'256kb'`. */
  readonly limit: string | number;
  /** Deepest accepted nesting of objects and arrays. */
  readonly maxDepth: number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/** `application/json` or any `application/*+json`. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return media === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(media);
}

/** 415 for a body that is not JSON on a body-carrying method. */
export function requireJsonContentType(): RequestHandler {
  return (req, _res, next) => {
    if (!BODY_METHODS.has(req.method) || !hasBody(req) || isJsonMediaType(req.get('content-type'))) return next();
    next(
      new BackboneError(
        'unsupported_media_type',
        `The body must be application/json, not ${req.get('content-type') ?? 'an undeclared type'}`,
      ),
    );
  };
}

/** 400 when the parsed body nests deeper than `maxDepth`. */
export function limitJsonDepth(maxDepth: number): RequestHandler {
  return (req, _res, next) => {
    if (req.body === undefined || !exceedsJsonDepth(req.body, maxDepth)) return next();
    next(new BackboneError('invalid_input', `The body nests objects or arrays deeper than ${maxDepth} levels`));
  };
}

/** The JSON body pipeline: content type (415), size (413), syntax (400), depth (400). */
export function jsonBody(options: JsonBodyOptions): RequestHandler[] {
  return [
    requireJsonContentType(),
    express.json({ limit: options.limit, strict: true, type: (req) => isJsonMediaType(req.headers['content-type']) }),
    limitJsonDepth(options.maxDepth),
  ];
}
