import { DestroyRef, effect, inject, untracked } from '@angular/core';

/**
 * Keeps a store connected to the current value of a signal (e.g. a component input): reconnects
 * when the value changes and disconnects when the component is destroyed. Call it from a
 * constructor (it needs an injection context).
 */
export function connectToInput<T>(value: () => T, connect: (v: T) => () => void): void {
  let stop: (() => void) | null = null;
  effect(() => {
    const current = value();
    untracked(() => {
      stop?.();
      stop = connect(current);
    });
  });
  inject(DestroyRef).onDestroy(() => stop?.());
}
