import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AlertDto, AlertListDto } from '../../api/models';
import { AlertsService } from '../../api/services';
import { describeApiError } from '../../core/http/api-error';
import { RemoteResource } from '../../core/store/remote-resource';

export type AlertView = 'firing' | 'history';

/** What happened to an alert, in one line, for the list (who acknowledged it and why included). */
export function ackLine(a: AlertDto): string | null {
  if (!a.ackBy) return null;
  return a.ackNote ? `Acknowledged by ${a.ackBy}: ${a.ackNote}` : `Acknowledged by ${a.ackBy}`;
}

/** The alerts page: what fires now, and the history (resolved and suppressed with their reason). */
@Injectable()
export class AlertsStore {
  private readonly api = inject(AlertsService);
  private readonly resource = new RemoteResource<AlertListDto>();

  readonly view = signal<AlertView>('firing');
  readonly alerts = computed(() => this.resource.value()?.items ?? []);
  readonly firing = computed(() => this.resource.value()?.firing ?? 0);
  readonly total = computed(() => this.resource.value()?.total ?? 0);
  readonly loading = this.resource.initialLoading;
  readonly loadedAt = this.resource.loadedAt;
  readonly error = this.resource.error;
  readonly actionError = signal<string | null>(null);
  readonly busy = signal(false);

  refresh(): Promise<boolean> {
    const state = this.view() === 'firing' ? 'firing' : undefined;
    return this.resource.load(() => this.api.listAlerts({ state, limit: 200 }));
  }

  show(view: AlertView): Promise<boolean> {
    this.view.set(view);
    this.resource.reset();
    return this.refresh();
  }

  async ack(id: number, note: string): Promise<boolean> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      const body = note.trim() ? { note: note.trim() } : {};
      const acked = await firstValueFrom(this.api.ackAlert({ id, body }));
      this.resource.update((list) => ({
        ...list,
        items: list.items.map((a) => (a.id === id ? acked : a)),
      }));
      return true;
    } catch (err) {
      this.actionError.set(describeApiError(err));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
