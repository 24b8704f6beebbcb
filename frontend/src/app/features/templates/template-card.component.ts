import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TemplateDto } from '../../api/models';
import { BytesPipe } from '../../shared/format/format.pipes';
import { TaskProgressPanelComponent } from '../../shared/task-progress/task-progress-panel.component';
import { DownloadRun } from './templates.store';

/** One template: what it is, where copies sit, and a download (with live progress). */
@Component({
  selector: 'pc-template-card',
  imports: [MatButtonModule, MatIconModule, BytesPipe, TaskProgressPanelComponent],
  template: `
    <article class="card" [class.selected]="selected()" [class.selectable]="selectable()">
      <header>
        <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
        <div class="title">
          <h3>{{ template().name }}</h3>
          <span class="pc-muted">{{
            template().version ?? template().section ?? template().os
          }}</span>
        </div>
        @if (selected()) {
          <mat-icon class="check" aria-label="Selected">check_circle</mat-icon>
        }
      </header>
      @if (template().description) {
        <p class="description">{{ template().description }}</p>
      }
      <div class="copies">
        @for (copy of template().available; track copy.volid + copy.node) {
          <span class="copy" [title]="copy.volid"
            >{{ copy.node }}/{{ copy.storage }} · {{ copy.size | pcBytes }}</span
          >
        } @empty {
          <span class="pc-muted">Not downloaded yet</span>
        }
      </div>
      <div class="actions">
        @if (selectable()) {
          <button
            mat-stroked-button
            type="button"
            [disabled]="!pickable()"
            [attr.aria-label]="useLabel()"
            (click)="picked.emit(template())"
          >
            {{ selected() ? 'Selected' : 'Use this template' }}
          </button>
        }
        @if (template().template && !presentOnTarget()) {
          <button
            mat-button
            type="button"
            [disabled]="!canDownload() || downloading()"
            [attr.aria-label]="downloadLabel() + ': ' + template().name"
            (click)="downloadRequested.emit(template())"
          >
            <mat-icon>download</mat-icon>{{ downloadLabel() }}
          </button>
        } @else if (!template().available.length) {
          <span class="pc-muted">Not offered by the appliance index</span>
        }
      </div>
      @if (download(); as run) {
        @if (run.requestError) {
          <p class="error" role="alert">{{ run.requestError }}</p>
        } @else {
          <pc-task-progress-panel
            [title]="'Download to ' + run.node + '/' + run.storage"
            [task]="run.tracked?.task() ?? null"
            [error]="run.tracked?.error() ?? null"
            [showLog]="false"
          />
        }
      }
    </article>
  `,
  styleUrl: './template-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplateCardComponent {
  readonly template = input.required<TemplateDto>();
  readonly download = input<DownloadRun | null>(null);
  readonly canDownload = input(true);
  /** A copy already sits where a download would go: offer no second download. */
  readonly presentOnTarget = input(false);
  /** e.g. "pve1/local", named on the button so the user knows where the file goes. */
  readonly target = input('');
  readonly selectable = input(false);
  readonly selected = input(false);
  /** In the wizard a template is usable only once a copy sits where the container will be. */
  readonly pickable = input(true);
  readonly picked = output<TemplateDto>();
  readonly downloadRequested = output<TemplateDto>();

  protected readonly downloading = computed(() => {
    const run = this.download();
    return !!run && !run.requestError && !run.tracked?.done();
  });
  protected readonly downloadLabel = computed(() => {
    if (this.downloading()) return 'Downloading…';
    return this.target() ? `Download to ${this.target()}` : 'Download';
  });
  /**
   * Every card has this button: its accessible name says which template it picks, and starts with
   * the visible text so voice control ("click Use this template") still finds it.
   */
  protected readonly useLabel = computed(
    () => `${this.selected() ? 'Selected' : 'Use this template'}: ${this.template().name}`,
  );
  protected readonly icon = computed(() => OS_ICONS[this.template().os] ?? 'deployed_code');
}

const OS_ICONS: Record<string, string> = {
  debian: 'terminal',
  ubuntu: 'terminal',
  alpine: 'landscape',
  fedora: 'hat',
  rockylinux: 'terrain',
  almalinux: 'terrain',
  archlinux: 'architecture',
};
