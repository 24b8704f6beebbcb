import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  AlertRuleDto,
  ChannelDto,
  CreateAlertRuleDto,
  RulePreviewDto,
  RulePreviewRequestDto,
} from '../../api/models';
import { AlertsService } from '../../api/services';
import { describeApiError } from '../../core/http/api-error';
import { runAction } from '../../core/store/run-action';
import { RemoteResource } from '../../core/store/remote-resource';

/** Alert rules, the channels they can send to, and the editor's preview. */
@Injectable()
export class RulesStore {
  private readonly api = inject(AlertsService);
  private readonly resource = new RemoteResource<AlertRuleDto[]>();
  private readonly channelList = new RemoteResource<ChannelDto[]>();

  readonly rules = this.resource.value;
  readonly channels = this.channelList.value;
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly actionError = signal<string | null>(null);
  readonly busy = signal(false);
  readonly preview = signal<RulePreviewDto | null>(null);
  readonly previewError = signal<string | null>(null);
  readonly previewing = signal(false);

  async refresh(): Promise<boolean> {
    const [rules] = await Promise.all([
      this.resource.load(() => this.api.listAlertRules()),
      this.channelList.load(() => this.api.listAlertChannels()),
    ]);
    return rules;
  }

  create(body: CreateAlertRuleDto): Promise<boolean> {
    return this.run(async () => {
      const created = await firstValueFrom(this.api.createAlertRule({ body }));
      this.resource.update((list) => [...list, created]);
    });
  }

  setEnabled(rule: AlertRuleDto, enabled: boolean): Promise<boolean> {
    return this.run(async () => {
      const saved = await firstValueFrom(
        this.api.updateAlertRule({ id: rule.id, body: { enabled } }),
      );
      this.resource.update((list) => list.map((r) => (r.id === rule.id ? saved : r)));
    });
  }

  remove(rule: AlertRuleDto): Promise<boolean> {
    return this.run(async () => {
      await firstValueFrom(this.api.deleteAlertRule({ id: rule.id }));
      this.resource.update((list) => list.filter((r) => r.id !== rule.id));
    });
  }

  /** What the form's rule would have fired on in the last 24 h; a 400 shows as the reason. */
  async runPreview(body: RulePreviewRequestDto): Promise<void> {
    this.previewing.set(true);
    this.previewError.set(null);
    try {
      this.preview.set(await firstValueFrom(this.api.previewAlertRule({ body })));
    } catch (err) {
      this.preview.set(null);
      this.previewError.set(describeApiError(err));
    } finally {
      this.previewing.set(false);
    }
  }

  clearPreview(): void {
    this.preview.set(null);
    this.previewError.set(null);
  }

  private run(action: () => Promise<void>): Promise<boolean> {
    return runAction(this.busy, this.actionError, action);
  }
}
