import { Injectable } from '@nestjs/common';

/** The time plans are judged by (creation, expiry); tests move it instead of waiting. */
@Injectable()
export class PlansClock {
  now(): number {
    return Date.now();
  }
}
