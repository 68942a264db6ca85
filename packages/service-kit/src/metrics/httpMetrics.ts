import type { RequestHandler } from 'express';
import { Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { requestContextOf } from '../correlation/requestContext.ts';

export const HTTP_DURATION_METRIC = 'backbone_http_request_duration_seconds';

/** Route label of requests no route matched, so unknown URLs cannot blow up cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface HttpMetricsOptions {
  readonly registry: Registry;
  readonly buckets?: readonly number[];
}

function durationHistogram(options: HttpMetricsOptions): Histogram<'method' | 'route' | 'status'> {
  const existing = options.registry.getSingleMetric(HTTP_DURATION_METRIC);
  if (existing instanceof Histogram) return existing as Histogram<'method' | 'route' | 'status'>;
  return new Histogram({
    name: HTTP_DURATION_METRIC,
    help: 'HTTP request duration in seconds, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: options.buckets ? [...options.buckets] : [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [options.registry],
  });
}

/** Observes every request's duration in `backbone_http_request_duration_seconds`. */
export function httpMetrics(options: HttpMetricsOptions): RequestHandler {
  const histogram = durationHistogram(options);
  return (req, res, next) => {
    const stop = histogram.startTimer();
    res.on('finish', () => {
      stop({ method: req.method, route: requestContextOf(req)?.route ?? UNMATCHED_ROUTE, status: String(res.statusCode) });
    });
    next();
  };
}
