import { DestroyRef, Injectable, inject, signal } from '@angular/core';

const TICK_MS = 5_000;

/** One shared ticking "now" so every age label in the page updates together and cheaply. */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();

  constructor() {
    const timer = setInterval(() => this.current.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
