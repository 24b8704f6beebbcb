import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PrometheusService } from './prometheus.service.js';

/**
 * Counts and times every request, labelled by the route pattern (/api/containers/:vmid), not the
 * concrete path, so the number of series stays bounded.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly prometheus: PrometheusService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.prometheus.observeRequest(req.method, routeOf(req), res.statusCode, seconds);
    });
    next();
  }
}

function routeOf(req: Request): string {
  const route = (req.route as { path?: string } | undefined)?.path;
  return route ? `${req.baseUrl}${route}` : 'unmatched';
}
