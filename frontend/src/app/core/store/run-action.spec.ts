import { signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom, throwError } from 'rxjs';
import { runAction } from './run-action';

describe('runAction', () => {
  it('is busy while the action runs and clears an earlier error', async () => {
    const busy = signal(false);
    const error = signal<string | null>('earlier');
    let seenBusy = false;
    const ok = await runAction(busy, error, () => {
      seenBusy = busy();
      return Promise.resolve();
    });
    expect([ok, seenBusy, busy(), error()]).toEqual([true, true, false, null]);
  });

  it("keeps the API's refusal and resolves false", async () => {
    const busy = signal(false);
    const error = signal<string | null>(null);
    const refusal = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, message: 'Rule still sends to this channel' },
    });
    // as the generated client fails: its Observable errors with the HttpErrorResponse
    const ok = await runAction(busy, error, () => firstValueFrom(throwError(() => refusal)));
    expect(ok).toBe(false);
    expect(busy()).toBe(false);
    expect(error()).toContain('Rule still sends to this channel');
  });
});
