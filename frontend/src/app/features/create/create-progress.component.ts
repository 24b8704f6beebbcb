import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { TaskProgressPanelComponent } from '../../shared/task-progress/task-progress-panel.component';
import { taskOutcome } from '../../shared/task-progress/task-view';
import { Submission } from './create.store';

/** Follows the create task to its end, then links to the new container or back to the form. */
@Component({
  selector: 'pc-create-progress',
  imports: [
    MatButtonModule,
    MatIconModule,
    RouterLink,
    ErrorStateComponent,
    TaskProgressPanelComponent,
  ],
  template: `
    <section class="pc-panel">
      @if (submission().requestError; as message) {
        <pc-error-state
          title="Proxmox refused the request"
          [message]="message"
          [retryable]="false"
        />
        @for (field of fieldErrors(); track field) {
          <p class="error">{{ field }}</p>
        }
      } @else if (!submission().result) {
        <pc-task-progress-panel [title]="'Creating ' + hostname()" [task]="null" />
      } @else {
        <pc-task-progress-panel
          [title]="
            'Creating ' +
            submission().result!.hostname +
            ' (CT ' +
            submission().result!.vmid +
            ') on ' +
            submission().result!.node
          "
          [task]="submission().tracked?.task() ?? null"
          [error]="submission().tracked?.error() ?? null"
        />
      }
      <div class="actions">
        @if (outcome() === 'ok' || outcome() === 'warnings') {
          <a mat-flat-button [routerLink]="['/containers', submission().result!.vmid]">
            <mat-icon>open_in_new</mat-icon>Open CT {{ submission().result!.vmid }}
          </a>
          <a mat-button routerLink="/containers">All containers</a>
        } @else if (outcome() === 'failed' || outcome() === 'locked' || submission().requestError) {
          <button mat-flat-button type="button" (click)="back.emit()">Back to the form</button>
        }
      </div>
    </section>
  `,
  styles: `
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 16px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateProgressComponent {
  readonly submission = input.required<Submission>();
  readonly hostname = input('');
  readonly back = output<void>();

  protected readonly outcome = computed(() => {
    const task = this.submission().tracked?.task();
    if (this.submission().tracked?.error()) return 'failed';
    return task ? taskOutcome(task) : 'running';
  });
  protected readonly fieldErrors = computed(() =>
    Object.entries(this.submission().fieldErrors).map(([field, message]) => `${field}: ${message}`),
  );
}
