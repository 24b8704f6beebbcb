import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { PermissionsStore, permissionHint } from '../../core/auth/permissions.store';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';

/** Per console feature: can the Proxmox token do it, and if not, which privilege on which path is missing. */
@Component({
  selector: 'pc-permissions-panel',
  imports: [DatePipe, MatButtonModule, MatIconModule, ErrorStateComponent, LoadingStateComponent],
  template: `
    <section class="pc-panel" aria-labelledby="perm-title">
      <header class="head">
        <h2 id="perm-title">Proxmox token permissions</h2>
        <span class="pc-spacer"></span>
        <button
          mat-stroked-button
          type="button"
          [disabled]="store.loading()"
          (click)="store.refresh()"
        >
          <mat-icon>refresh</mat-icon>Check again
        </button>
      </header>
      @if (store.report(); as report) {
        <p class="pc-muted">
          Token <code class="pc-mono">{{ report.tokenId }}</code
          >, checked {{ report.checkedAt | date: 'MMM d, HH:mm:ss' }}.
          @if (store.unavailable().length) {
            {{ store.unavailable().length }} of {{ report.features.length }} features are limited.
          } @else {
            Every console feature is available.
          }
        </p>
        <ul class="features">
          @for (f of report.features; track f.feature) {
            <li [class.missing]="!f.available">
              <mat-icon aria-hidden="true" [class]="icon(f.available, f.partial)">{{
                icon(f.available, f.partial)
              }}</mat-icon>
              <div>
                <strong>{{ f.label }}</strong>
                <span class="state">{{
                  f.available ? 'available' : f.partial ? 'partly available' : 'unavailable'
                }}</span>
                @if (hint(f); as text) {
                  <div class="hint">{{ text }}</div>
                }
              </div>
            </li>
          }
        </ul>
      } @else if (store.loading()) {
        <pc-loading-state label="Asking Proxmox what the token may do…" />
      }
      @if (store.error(); as error) {
        <pc-error-state
          title="Could not read the token's permissions"
          [message]="error"
          (retry)="store.refresh()"
        />
      }
    </section>
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      gap: 8px;
      h2 {
        margin: 0;
        font: var(--mat-sys-title-large);
      }
    }
    .features {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 12px;
    }
    li {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .state {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .hint {
      margin-top: 2px;
      font-family: var(--pc-font-mono);
      color: var(--mat-sys-on-surface-variant);
    }
    .check_circle {
      color: var(--pc-status-running);
    }
    .warning {
      color: var(--pc-status-warning);
    }
    .block {
      color: var(--pc-status-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionsPanelComponent {
  protected readonly store = inject(PermissionsStore);
  protected readonly hint = permissionHint;

  constructor() {
    this.store.ensureLoaded();
  }

  protected icon(available: boolean, partial: boolean): string {
    if (available) return 'check_circle';
    return partial ? 'warning' : 'block';
  }
}
