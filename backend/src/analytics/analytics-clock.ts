import { Injectable } from '@nestjs/common';

/** The analytics' notion of now, in epoch seconds; unit tests replace it. */
@Injectable()
export class AnalyticsClock {
  nowS(): number {
    return Math.floor(Date.now() / 1000);
  }
}
