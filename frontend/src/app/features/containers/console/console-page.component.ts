import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../../shared/states/loading-state.component';
import { StatusChipComponent } from '../../../shared/status-chip/status-chip.component';
import { ContainerDetailStore } from '../detail/container-detail.store';
import { ContainerConsoleComponent } from './container-console.component';

/** The pop-out console window (/containers/:vmid/console): one container's terminal, full size. */
@Component({
  selector: 'pc-console-page',
  imports: [
    ContainerConsoleComponent,
    ErrorStateComponent,
    LoadingStateComponent,
    StatusChipComponent,
  ],
  providers: [ContainerDetailStore],
  template: `
    @if (store.container(); as ct) {
      <header>
        <h1>
          {{ ct.name }} <span class="pc-muted">CT {{ ct.vmid }} · {{ ct.node }}</span>
        </h1>
        <pc-status-chip [status]="ct.status" />
      </header>
      <pc-container-console class="console" [container]="ct" [popOut]="false" />
    } @else if (store.error()) {
      <pc-error-state
        title="Could not load this container"
        [message]="store.error()!"
        (retry)="store.refresh()"
      />
    } @else {
      <pc-loading-state label="Loading container…" />
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
      flex: 1 1 auto;
      min-height: 100vh;
      padding: 8px 12px;
      box-sizing: border-box;
    }
    header {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .console {
      flex: 1 1 auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ConsolePageComponent {
  protected readonly store = inject(ContainerDetailStore);

  /** Route parameter. */
  readonly vmid = input.required<string>();

  constructor() {
    let stop: (() => void) | null = null;
    effect(() => {
      const vmid = Number(this.vmid());
      untracked(() => {
        stop?.();
        stop = this.store.connect(vmid);
      });
    });
    inject(DestroyRef).onDestroy(() => stop?.());
    const title = inject(Title);
    effect(() => {
      const ct = this.store.container();
      if (ct) title.setTitle(`Console: ${ct.name} (CT ${ct.vmid}) · ProxiCloud`);
    });
  }
}
