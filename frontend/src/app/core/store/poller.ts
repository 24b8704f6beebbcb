import { DestroyRef } from '@angular/core';
import type { PollingPause } from '../events/live-events';

/**
 * Calls `tick` every `intervalMs` while the tab is visible, and once right away when the tab
 * becomes visible again, so background tabs do not keep hammering Proxmox. With a `pause` (the
 * event stream), ticks are skipped while the stream is healthy and one comes at once when it
 * fails, so the page falls back to polling without waiting a whole interval.
 */
export function startPolling(
  tick: () => void,
  intervalMs: number,
  destroyRef?: DestroyRef,
  pause?: PollingPause,
): () => void {
  const doc = globalThis.document as Document | undefined;
  const due = (): boolean => !doc?.hidden && !pause?.healthy();
  const timer = setInterval(() => {
    if (due()) tick();
  }, intervalMs);
  const onVisible = (): void => {
    if (due()) tick();
  };
  doc?.addEventListener('visibilitychange', onVisible);
  const lost = pause?.lost$.subscribe(onVisible);
  const stop = (): void => {
    clearInterval(timer);
    doc?.removeEventListener('visibilitychange', onVisible);
    lost?.unsubscribe();
  };
  destroyRef?.onDestroy(stop);
  return stop;
}
