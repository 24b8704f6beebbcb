import { HttpErrorResponse } from '@angular/common/http';
import { Subject, of, throwError } from 'rxjs';
import { startPolling } from './poller';
import { RemoteResource } from './remote-resource';

describe('RemoteResource', () => {
  it('starts empty and reports the first load as initial loading', async () => {
    const resource = new RemoteResource<number>();
    const pending = new Subject<number>();
    const done = resource.load(() => pending);
    expect(resource.initialLoading()).toBe(true);
    pending.next(7);
    pending.complete();
    await done;
    expect(resource.value()).toBe(7);
    expect(resource.initialLoading()).toBe(false);
    expect(resource.loadedAt()).not.toBeNull();
  });

  it('keeps the last good value and shows the error when a refresh fails', async () => {
    const resource = new RemoteResource<string>();
    await resource.load(() => of('first'));
    const ok = await resource.load(() =>
      throwError(
        () => new HttpErrorResponse({ status: 403, error: { message: 'missing privilege' } }),
      ),
    );
    expect(ok).toBe(false);
    expect(resource.value()).toBe('first');
    expect(resource.error()).toBe('missing privilege');
  });

  it('ignores a slow response that arrives after a newer one', async () => {
    const resource = new RemoteResource<string>();
    const slow = new Subject<string>();
    const first = resource.load(() => slow);
    await resource.load(() => Promise.resolve('new'));
    slow.next('old');
    slow.complete();
    await first;
    expect(resource.value()).toBe('new');
  });

  it('applies local updates and resets', async () => {
    const resource = new RemoteResource<number>();
    resource.update((n) => n + 1);
    expect(resource.value()).toBeUndefined();
    await resource.load(() => of(1));
    resource.update((n) => n + 1);
    expect(resource.value()).toBe(2);
    resource.reset();
    expect(resource.value()).toBeUndefined();
  });
});

describe('startPolling', () => {
  afterEach(() => vi.useRealTimers());

  it('ticks on the interval until stopped', () => {
    vi.useFakeTimers();
    const tick = vi.fn();
    const stop = startPolling(tick, 1000);
    vi.advanceTimersByTime(3000);
    expect(tick).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(3000);
    expect(tick).toHaveBeenCalledTimes(3);
  });

  it('skips ticks while the event stream is healthy and ticks at once when it is lost', () => {
    vi.useFakeTimers();
    const tick = vi.fn();
    let healthy = true;
    const lost = new Subject<void>();
    const stop = startPolling(tick, 1000, undefined, {
      healthy: () => healthy,
      lost$: lost.asObservable(),
    });
    vi.advanceTimersByTime(3000);
    expect(tick).not.toHaveBeenCalled();
    healthy = false;
    lost.next();
    expect(tick).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(2);
    stop();
    lost.next();
    expect(tick).toHaveBeenCalledTimes(2);
  });
});
