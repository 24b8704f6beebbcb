import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { BackupDto } from '../../api/models';
import { BackupFreshnessStore } from '../../core/backups/backup-freshness.store';
import { Clock } from '../../core/clock';
import { BytesPipe } from '../../shared/format/format.pipes';
import { formatAge } from '../../shared/format/format';
import { StaleBadgeComponent } from '../../shared/stale-badge/stale-badge.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { describeAge, jobGuests } from './backup-filters';
import { BackupsPageStore } from './backups-page.store';

/** A cached answer older than this is marked: the lists are read on visit and on Refresh. */
const BACKUPS_STALE_MS = 5 * 60_000;

/** Backups across the cluster: freshness per container, every archive, scheduled jobs. */
@Component({
  selector: 'pc-backups-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    BytesPipe,
    StaleBadgeComponent,
    ErrorStateComponent,
    LoadingStateComponent,
    StatusChipComponent,
  ],
  providers: [BackupsPageStore],
  templateUrl: './backups-page.component.html',
  styleUrl: './backups-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class BackupsPageComponent {
  protected readonly store = inject(BackupsPageStore);
  protected readonly freshness = inject(BackupFreshnessStore);
  private readonly clock = inject(Clock);

  protected readonly staleAfter = BACKUPS_STALE_MS;
  protected readonly freshnessColumns = ['vmid', 'name', 'node', 'last', 'age'];
  protected readonly backupColumns = ['created', 'vmid', 'storage', 'size', 'notes'];
  protected readonly jobColumns = ['schedule', 'next', 'guests', 'storage', 'mode', 'enabled'];
  protected readonly staleOnly = signal(false);
  protected readonly freshnessRows = computed(() =>
    this.staleOnly() ? this.freshness.items().filter((f) => f.stale) : this.freshness.items(),
  );
  protected readonly staleCount = computed(() => this.freshness.staleVmids().size);
  protected readonly describeAge = describeAge;
  protected readonly jobGuests = jobGuests;

  constructor() {
    void this.store.refresh();
    inject(DestroyRef).onDestroy(this.freshness.connect());
  }

  protected age(backup: BackupDto): string {
    return formatAge(this.clock.now() - backup.ctime * 1000);
  }

  protected refresh(): void {
    void this.store.refresh();
    void this.freshness.refresh();
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
