import { DestroyRef } from '@angular/core';

/**
 * Calls `tick` every `intervalMs` while the tab is visible, and once right away when the tab
 * becomes visible again, so background tabs do not keep hammering Proxmox.
 */
export function startPolling(
  tick: () => void,
  intervalMs: number,
  destroyRef?: DestroyRef,
): () => void {
  const doc = globalThis.document as Document | undefined;
  const timer = setInterval(() => {
    if (!doc?.hidden) tick();
  }, intervalMs);
  const onVisible = (): void => {
    if (!doc?.hidden) tick();
  };
  doc?.addEventListener('visibilitychange', onVisible);
  const stop = (): void => {
    clearInterval(timer);
    doc?.removeEventListener('visibilitychange', onVisible);
  };
  destroyRef?.onDestroy(stop);
  return stop;
}
