import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent } from '../../shared/states/empty-state.component';

@Component({
  selector: 'pc-not-found',
  imports: [EmptyStateComponent, MatButtonModule, RouterLink],
  template: `
    <div class="pc-page">
      <pc-empty-state icon="explore_off" title="Page not found">
        This address does not match any page of the console.
        <a mat-flat-button routerLink="/dashboard">Go to the dashboard</a>
      </pc-empty-state>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class NotFoundComponent {}
