import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { statusIcon, statusTone } from './status-tone';

/** A compact coloured status label; colour is never the only cue, so it carries an icon too. */
@Component({
  selector: 'pc-status-chip',
  imports: [MatIconModule],
  template: `
    <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
    <span>{{ label() || status() || 'unknown' }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 8px 2px 4px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
      flex: none;
    }
    span {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    :host(.good) {
      color: var(--pc-status-running);
      background: var(--pc-status-running-container);
    }
    :host(.neutral) {
      color: var(--mat-sys-on-surface-variant);
      background: var(--pc-status-stopped-container);
    }
    :host(.warning) {
      color: var(--pc-status-warning);
      background: var(--pc-status-warning-container);
    }
    :host(.error) {
      color: var(--mat-sys-on-error-container);
      background: var(--pc-status-error-container);
    }
    :host(.info) {
      color: var(--pc-status-info);
      background: var(--pc-status-info-container);
    }
  `,
  host: { '[class]': 'tone()', role: 'status' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChipComponent {
  readonly status = input<string | null | undefined>();
  /** Optional display text when the raw status is long (e.g. a task's error exit status). */
  readonly label = input<string>();

  protected readonly tone = computed(() => statusTone(this.status()));
  protected readonly icon = computed(() => statusIcon(this.tone()));
}
