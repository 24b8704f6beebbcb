import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ContainerDetailDto } from '../../../api/models';
import { countOf, formatBytes, usageRatio } from '../../../shared/format/format';
import { BytesPipe, DurationPipe } from '../../../shared/format/format.pipes';
import { UsageMeterComponent } from '../../../shared/usage-meter/usage-meter.component';
import { Clock } from '../../../core/clock';
import { addressView } from '../container-address';
import { Rates } from './live-rates';

/** Live use of one container; values of a stopped or unreachable container read as "—". */
@Component({
  selector: 'pc-container-summary',
  imports: [UsageMeterComponent, BytesPipe, DurationPipe, MatTooltipModule],
  template: `
    <h2>Summary</h2>
    <div class="meters">
      <pc-usage-meter label="CPU" [ratio]="running() ? cpu() : null" [detail]="coresAllowed()" />
      <pc-usage-meter label="Memory" [ratio]="running() ? mem() : null" [detail]="memDetail()" />
      <pc-usage-meter label="Swap" [ratio]="running() ? swap() : null" [detail]="swapDetail()" />
      <pc-usage-meter label="Root disk" [ratio]="disk()" [detail]="diskDetail()" />
    </div>
    <dl>
      <dt>IPv4 address</dt>
      <dd>
        <span
          class="pc-mono"
          [class.address-old]="address().old"
          [matTooltip]="address().tooltip"
          >{{ address().text }}</span
        >
        @if (address().note) {
          <span class="age">{{ address().note }}</span>
        }
      </dd>
      <dt>Uptime</dt>
      <dd>{{ running() ? (container().uptime | pcDuration) : '—' }}</dd>
      <dt>Network in / out</dt>
      <dd>
        @if (rates(); as r) {
          {{ r.netin | pcBytes }}/s · {{ r.netout | pcBytes }}/s
        } @else {
          {{ running() ? 'measuring…' : '—' }}
        }
      </dd>
      <dt>Disk read / write</dt>
      <dd>
        @if (rates(); as r) {
          {{ r.diskread | pcBytes }}/s · {{ r.diskwrite | pcBytes }}/s
        } @else {
          {{ running() ? 'measuring…' : '—' }}
        }
      </dd>
      <dt>Traffic since start</dt>
      <dd>{{ container().netin | pcBytes }} in · {{ container().netout | pcBytes }} out</dd>
    </dl>
  `,
  styles: `
    .meters {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px 16px;
      margin-bottom: 16px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .address-old {
      color: var(--pc-status-warning);
    }
    .age {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerSummaryComponent {
  readonly container = input.required<ContainerDetailDto>();
  readonly rates = input<Rates | null>(null);
  /** the detail is the last known state (Proxmox or its node away) */
  readonly stale = input(false);
  private readonly clock = inject(Clock);

  protected readonly running = computed(() => this.container().status === 'running');
  protected readonly address = computed(() =>
    addressView(this.container(), this.clock.now(), this.stale()),
  );
  /** Proxmox reports CPU as a fraction of the allowed cores already. */
  protected readonly cpu = computed(() => Math.min(Math.max(this.container().cpu, 0), 1));
  protected readonly mem = computed(() =>
    usageRatio(this.container().mem, this.container().maxmem),
  );
  protected readonly swap = computed(() =>
    usageRatio(this.container().swap, this.container().maxswap),
  );
  protected readonly disk = computed(() =>
    usageRatio(this.container().disk, this.container().maxdisk),
  );
  protected readonly coresAllowed = computed(
    () => `${countOf(this.container().maxcpu, 'core')} allowed`,
  );
  protected readonly memDetail = computed(
    () => `${formatBytes(this.container().mem)} of ${formatBytes(this.container().maxmem)}`,
  );
  protected readonly swapDetail = computed(
    () => `${formatBytes(this.container().swap)} of ${formatBytes(this.container().maxswap)}`,
  );
  protected readonly diskDetail = computed(
    () => `${formatBytes(this.container().disk)} of ${formatBytes(this.container().maxdisk)}`,
  );
}
