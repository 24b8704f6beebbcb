import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { type ReadNotes, runWithReadNotes } from './read-context.js';

/**
 * Sets X-Cache-Status and X-Data-Age on every read answer. The JSON's own stale/fetchedAt are the
 * truth for staleness and age; the notes the cached reads left during the request tell HIT from MISS.
 */
@Injectable()
export class CacheHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    if (http.getRequest<Request>().method !== 'GET') return next.handle();
    const response = http.getResponse<Response>();
    const notes: ReadNotes = {};
    return new Observable((subscriber) =>
      runWithReadNotes(notes, () =>
        next
          .handle()
          .pipe(tap((body) => setCacheHeaders(response, body, notes)))
          .subscribe(subscriber),
      ),
    );
  }
}

export function setCacheHeaders(response: Response, body: unknown, notes: ReadNotes): void {
  if (response.headersSent) return;
  const freshness = freshnessOfBody(body);
  const fetchedAt = freshness?.fetchedAt ?? notes.oldest;
  if (fetchedAt === undefined) return;
  const status = freshness?.stale ? 'STALE' : (notes.status ?? 'MISS');
  response.setHeader('X-Cache-Status', status);
  response.setHeader('X-Data-Age', String(dataAgeSeconds(fetchedAt)));
}

/** X-Data-Age: whole seconds since Proxmox gave the data (epoch ms). */
export function dataAgeSeconds(fetchedAt: number, now = Date.now()): number {
  return Math.max(0, Math.floor((now - fetchedAt) / 1000));
}

function freshnessOfBody(body: unknown): { stale: boolean; fetchedAt: number } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { stale, fetchedAt } = body as { stale?: unknown; fetchedAt?: unknown };
  if (typeof stale !== 'boolean' || typeof fetchedAt !== 'string') return undefined;
  const at = Date.parse(fetchedAt);
  return Number.isNaN(at) ? undefined : { stale, fetchedAt: at };
}
