import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { sparklinePaths } from './sparkline';

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A tiny inline-SVG trend line with its label and latest value. Plain SVG on purpose: the
 * dashboard and detail pages are in the initial bundle, which must not pull in ECharts.
 */
@Component({
  selector: 'pc-sparkline',
  template: `
    <div class="head">
      <span class="label">{{ label() }}</span>
      <span class="value">{{ current() }}</span>
    </div>
    <svg
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      preserveAspectRatio="none"
      role="img"
      [attr.aria-label]="label() + ', ' + period() + ': now ' + current()"
    >
      @if (paths().line) {
        <path class="area" [attr.d]="paths().area" />
        <path class="line" [attr.d]="paths().line" vector-effect="non-scaling-stroke" />
      } @else {
        <line class="none" x1="0" [attr.x2]="width" [attr.y1]="height" [attr.y2]="height" />
      }
    </svg>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .head {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface);
    }
    svg {
      display: block;
      width: 100%;
      height: 28px;
      overflow: visible;
    }
    .line {
      fill: none;
      stroke: var(--mat-sys-primary);
      stroke-width: 1.5px;
    }
    .area {
      fill: var(--mat-sys-primary);
      opacity: 0.15;
    }
    .none {
      stroke: var(--mat-sys-outline-variant);
      stroke-dasharray: 3 3;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SparklineComponent {
  readonly label = input.required<string>();
  readonly values = input<readonly (number | null)[]>([]);
  /** Top of the scale (1 for CPU, the memory limit); defaults to the largest value. */
  readonly max = input<number | null>(null);
  /** The latest value, already formatted. */
  readonly current = input('—');
  readonly period = input('last hour');

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly paths = computed(() =>
    sparklinePaths(this.values(), WIDTH, HEIGHT, this.max()),
  );
}
