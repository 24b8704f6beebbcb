import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ChannelDto, CreateChannelDto } from '../../api/models';
import { AlertsService } from '../../api/services';
import { describeApiError } from '../../core/http/api-error';
import { RemoteResource } from '../../core/store/remote-resource';

/** The outcome of a channel's Test button: delivered, or the reason the server gave (502). */
export interface TestOutcome {
  readonly ok: boolean;
  readonly message: string;
}

/** Notification channels: create (secrets go in, never come back), test, delete. */
@Injectable()
export class ChannelsStore {
  private readonly api = inject(AlertsService);
  private readonly resource = new RemoteResource<ChannelDto[]>();

  readonly channels = this.resource.value;
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly actionError = signal<string | null>(null);
  readonly busy = signal(false);
  readonly tests = signal<ReadonlyMap<number, TestOutcome>>(new Map());
  readonly testing = signal<number | null>(null);

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listAlertChannels());
  }

  async create(body: CreateChannelDto): Promise<boolean> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await firstValueFrom(this.api.createAlertChannel({ body }));
      await this.refresh();
      return true;
    } catch (err) {
      this.actionError.set(describeApiError(err));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  async remove(id: number): Promise<boolean> {
    this.actionError.set(null);
    try {
      await firstValueFrom(this.api.deleteAlertChannel({ id }));
      this.resource.update((list) => list.filter((c) => c.id !== id));
      return true;
    } catch (err) {
      this.actionError.set(describeApiError(err));
      return false;
    }
  }

  /** Sends a test message; the list is read again since the last delivery changed. */
  async test(id: number): Promise<TestOutcome> {
    this.testing.set(id);
    let outcome: TestOutcome;
    try {
      await firstValueFrom(this.api.testAlertChannel({ id }));
      outcome = { ok: true, message: 'Test message delivered.' };
    } catch (err) {
      outcome = { ok: false, message: describeApiError(err) };
    } finally {
      this.testing.set(null);
    }
    this.tests.update((m) => new Map(m).set(id, outcome));
    await this.refresh();
    return outcome;
  }
}
