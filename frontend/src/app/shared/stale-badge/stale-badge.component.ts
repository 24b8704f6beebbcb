import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Clock } from '../../core/clock';
import { toEpochMs } from '../format/format';
import { describeFreshness } from './freshness';

/** Shows how old a value is; turns amber when it is older than `staleAfterMs` or flagged stale. */
@Component({
  selector: 'pc-stale-badge',
  imports: [MatIconModule, MatTooltipModule],
  template: `
    <span [class]="freshness().state" [matTooltip]="tooltip()">
      <mat-icon aria-hidden="true">{{
        freshness().state === 'live' ? 'sync' : 'history'
      }}</mat-icon>
      {{ freshness().text }}
    </span>
  `,
  styles: `
    span {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    .stale,
    .unknown {
      color: var(--pc-status-warning);
    }
    mat-icon {
      font-size: 14px;
      width: 14px;
      height: 14px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaleBadgeComponent {
  private readonly clock = inject(Clock);

  readonly fetchedAt = input<string | number | Date | null | undefined>();
  readonly staleAfterMs = input(60_000);
  readonly stale = input(false);
  /** Extra reason shown on hover, e.g. "node pve2 unreachable". */
  readonly reason = input<string>();

  protected readonly freshness = computed(() =>
    describeFreshness(
      toEpochMs(this.fetchedAt()),
      this.clock.now(),
      this.staleAfterMs(),
      this.stale(),
    ),
  );

  protected readonly tooltip = computed(() => {
    const at = toEpochMs(this.fetchedAt());
    const when =
      at === null ? 'Time of last update unknown' : `Last updated ${new Date(at).toLocaleString()}`;
    return this.reason() ? `${when}. ${this.reason()}` : when;
  });
}
