import { computed, signal } from '@angular/core';
import { Observable, firstValueFrom, isObservable } from 'rxjs';
import { describeApiError } from '../http/api-error';

interface ResourceState<T> {
  readonly value: T | undefined;
  readonly loading: boolean;
  readonly error: string | null;
  readonly loadedAt: number | null;
}

/**
 * One remotely loaded value with loading, error and age as signals. A failed refresh keeps the
 * last good value (and its age), so pages can show old data honestly labelled instead of blanking.
 * Only the latest request may write its result, so slow responses cannot overwrite newer ones.
 */
export class RemoteResource<T> {
  private readonly state = signal<ResourceState<T>>({
    value: undefined,
    loading: false,
    error: null,
    loadedAt: null,
  });
  private sequence = 0;

  readonly value = computed(() => this.state().value);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly loadedAt = computed(() => this.state().loadedAt);
  /** True before the first successful load: the page shows a loading state, not old data. */
  readonly initialLoading = computed(() => this.state().loading && this.state().loadedAt === null);

  async load(fetch: () => Observable<T> | Promise<T>): Promise<boolean> {
    const mine = ++this.sequence;
    this.state.update((s) => ({ ...s, loading: true }));
    try {
      const result = fetch();
      const value = isObservable(result) ? await firstValueFrom(result) : await result;
      if (mine === this.sequence) {
        this.state.set({ value, loading: false, error: null, loadedAt: Date.now() });
      }
      return true;
    } catch (err) {
      if (mine === this.sequence) {
        this.state.update((s) => ({ ...s, loading: false, error: describeApiError(err) }));
      }
      return false;
    }
  }

  /** Local updates after an action (e.g. optimistic status) without a round trip. */
  update(fn: (value: T) => T): void {
    this.state.update((s) => (s.value === undefined ? s : { ...s, value: fn(s.value) }));
  }

  reset(): void {
    this.sequence++;
    this.state.set({ value: undefined, loading: false, error: null, loadedAt: null });
  }
}
