import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { StatusChipComponent } from '../../../shared/status-chip/status-chip.component';
import { BulkItemResult, BulkItemState } from '../bulk-actions';
import { PowerAction } from '../container-list';

const CHIP_STATUS: Record<BulkItemState, string> = {
  requesting: 'pending',
  running: 'pending',
  ok: 'ok',
  failed: 'failed',
  skipped: 'pending',
};

/** One line per container of a bulk action, each with its own outcome and Proxmox's text. */
@Component({
  selector: 'pc-bulk-results',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, StatusChipComponent],
  template: `
    <section class="pc-panel" aria-live="polite">
      <header>
        <h2>{{ action() }}: {{ summary() }}</h2>
        <button
          mat-icon-button
          type="button"
          aria-label="Dismiss results"
          [disabled]="running()"
          (click)="dismissed.emit()"
        >
          <mat-icon>close</mat-icon>
        </button>
      </header>
      @if (running()) {
        <mat-progress-bar mode="indeterminate" aria-label="Bulk action running" />
      }
      <ul>
        @for (item of results(); track item.vmid) {
          <li>
            <pc-status-chip [status]="chip[item.state]" [label]="item.state" />
            <a [routerLink]="['/containers', item.vmid]">{{ item.name }} ({{ item.vmid }})</a>
            <span class="message" [class.failed]="item.state === 'failed'">{{ item.message }}</span>
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-small);
      text-transform: capitalize;
    }
    ul {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    a {
      color: var(--mat-sys-primary);
    }
    .message {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .failed {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkResultsComponent {
  readonly action = input<PowerAction | null>(null);
  readonly results = input.required<readonly BulkItemResult[]>();
  readonly summary = input('');
  readonly running = input(false);
  readonly dismissed = output<void>();
  protected readonly chip = CHIP_STATUS;
}
