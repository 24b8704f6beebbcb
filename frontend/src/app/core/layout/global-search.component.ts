import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';

/** Searches containers by name, VMID, tag or IP: the containers page owns the actual filtering. */
@Component({
  selector: 'pc-global-search',
  imports: [MatIconModule],
  template: `
    <form role="search" (submit)="search($event)">
      <mat-icon aria-hidden="true">search</mat-icon>
      <input
        type="search"
        name="q"
        placeholder="Search containers"
        aria-label="Search containers by name, VMID or tag"
        autocomplete="off"
        [value]="query()"
        (input)="query.set($any($event.target).value)"
      />
    </form>
  `,
  styles: `
    form {
      display: flex;
      align-items: center;
      gap: 8px;
      height: 36px;
      padding: 0 12px;
      border-radius: 18px;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
      min-width: 0;
    }
    form:focus-within {
      outline: 2px solid var(--mat-sys-primary);
    }
    input {
      flex: 1 1 auto;
      min-width: 0;
      border: 0;
      outline: 0;
      background: transparent;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-medium);
    }
    mat-icon {
      font-size: 20px;
      width: 20px;
      height: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GlobalSearchComponent {
  private readonly router = inject(Router);
  protected readonly query = signal('');

  protected search(event: Event): void {
    event.preventDefault();
    const q = this.query().trim();
    void this.router.navigate(['/containers'], { queryParams: { q: q || null } });
  }
}
