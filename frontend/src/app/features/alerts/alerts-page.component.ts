import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { AlertDto } from '../../api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { roleHint } from '../../core/auth/roles';
import { startPolling } from '../../core/store/poller';
import { StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { AlertsHeaderComponent } from './alerts-header.component';
import { AlertsLoadStateComponent } from './alerts-load-state.component';
import { AlertView, AlertsStore, ackLine } from './alerts.store';

/** The list refreshes this often while the tab is visible (alerts move once per cycle). */
export const ALERTS_POLL_MS = 15_000;

const CHIP: Record<AlertDto['state'], string> = {
  firing: 'error',
  resolved: 'ok',
  suppressed: 'pending',
};

/** Subject in words: "CT 101 (web) on pve1", "node pve2", "Proxmox". */
export function subjectLine(a: AlertDto): string {
  const s = a.subject;
  if (s.type === 'ct') {
    const name = s.name ? ` (${s.name})` : '';
    return `CT ${s.vmid}${name}${s.node ? ` on ${s.node}` : ''}`;
  }
  return s.type === 'node' ? `node ${s.node}` : 'Proxmox';
}

@Component({
  selector: 'pc-alerts-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    AlertsHeaderComponent,
    AlertsLoadStateComponent,
    StatusChipComponent,
  ],
  providers: [AlertsStore],
  templateUrl: './alerts-page.component.html',
  styleUrl: './alerts-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AlertsPageComponent {
  protected readonly store = inject(AlertsStore);
  private readonly auth = inject(AuthStore);
  protected readonly ackHint = computed(() => roleHint(this.auth.role(), 'operator'));
  /** The alert whose acknowledgement note is being written. */
  protected readonly acking = signal<number | null>(null);
  protected readonly note = signal('');
  protected readonly chip = CHIP;
  protected readonly subjectLine = subjectLine;
  protected readonly ackLine = ackLine;

  constructor() {
    void this.store.refresh();
    startPolling(() => void this.store.refresh(), ALERTS_POLL_MS, inject(DestroyRef));
  }

  protected show(view: AlertView): void {
    this.acking.set(null);
    void this.store.show(view);
  }

  protected startAck(a: AlertDto): void {
    this.note.set('');
    this.acking.set(a.id);
  }

  protected async ack(a: AlertDto): Promise<void> {
    if (await this.store.ack(a.id, this.note())) this.acking.set(null);
  }
}
