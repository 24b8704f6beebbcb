import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { ChartTheme, readChartTheme } from '../../shared/charts/chart-theme';
import {
  ChartLine,
  brushedWindow,
  buildLineChartOption,
} from '../../shared/charts/line-chart-options';
import { TimeWindow } from './analytics-query';

/** The compare chart: zoom with the wheel or slider, brush a window to load it in detail. */
@Component({
  selector: 'pc-analytics-chart',
  imports: [NgxEchartsDirective],
  template: `
    @if (options(); as opts) {
      <div
        echarts
        class="chart"
        [options]="opts"
        [loading]="loading()"
        [loadingOpts]="loadingOpts()"
        (chartBrushEnd)="onBrushEnd($event)"
      ></div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      height: 420px;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsChartComponent {
  readonly lines = input.required<readonly ChartLine[]>();
  readonly loading = input(false);
  readonly windowPicked = output<TimeWindow>();

  private readonly theme = signal<ChartTheme | null>(null);
  protected readonly options = computed(() => {
    const theme = this.theme();
    return theme ? buildLineChartOption(this.lines(), theme) : null;
  });
  protected readonly loadingOpts = computed(() => ({
    text: '',
    color: this.theme()?.accent,
    maskColor: 'rgba(0, 0, 0, 0.25)',
  }));

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    // Tokens resolve only once the element sits in the themed document.
    afterNextRender(() => this.theme.set(readChartTheme(host)));
  }

  protected onBrushEnd(event: unknown): void {
    const window = brushedWindow(event);
    if (window) this.windowPicked.emit(window);
  }
}
