import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatPercent } from '../format/format';

export type MeterLevel = 'normal' | 'high' | 'critical' | 'unknown';

/** 80% and 95% are where Proxmox admins start to worry about memory and disk. */
export function meterLevel(ratio: number | null): MeterLevel {
  if (ratio === null) return 'unknown';
  if (ratio >= 0.95) return 'critical';
  if (ratio >= 0.8) return 'high';
  return 'normal';
}

/** A labelled horizontal usage bar; an unknown ratio shows an empty track and a dash. */
@Component({
  selector: 'pc-usage-meter',
  template: `
    <div class="top">
      <span class="label">{{ label() }}</span>
      <span class="value">{{ percent() }}</span>
    </div>
    <div
      class="track"
      role="meter"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="ratio() === null ? null : ratio()! * 100"
      [attr.aria-label]="label()"
    >
      <div class="fill" [class]="level()" [style.width.%]="(ratio() ?? 0) * 100"></div>
    </div>
    @if (detail()) {
      <div class="detail">{{ detail() }}</div>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .top {
      display: flex;
      justify-content: space-between;
      font: var(--mat-sys-label-medium);
    }
    .value {
      font-variant-numeric: tabular-nums;
    }
    .track {
      height: 6px;
      margin: 4px 0;
      border-radius: 3px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      background: var(--mat-sys-primary);
      transition: width 300ms ease;
    }
    .fill.high {
      background: var(--pc-status-warning);
    }
    .fill.critical {
      background: var(--mat-sys-error);
    }
    .detail {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageMeterComponent {
  readonly label = input.required<string>();
  readonly ratio = input<number | null>(null);
  readonly detail = input<string>();

  protected readonly percent = computed(() => formatPercent(this.ratio()));
  protected readonly level = computed(() => meterLevel(this.ratio()));
}
