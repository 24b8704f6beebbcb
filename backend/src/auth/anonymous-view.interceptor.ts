import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import { PUBLIC_KEY, type PublicOptions } from './auth.decorators.js';
import { getPrincipal } from './principal.js';

/** On public routes with an anonymousView, callers who are not signed in get the reduced answer. */
@Injectable()
export class AnonymousViewInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.getAllAndOverride<PublicOptions | undefined>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const view = options?.anonymousView;
    const req = context.switchToHttp().getRequest<Request>();
    if (!view || getPrincipal(req)) return next.handle();
    return next.handle().pipe(map((body) => view(body)));
  }
}
