import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ShellComponent } from './core/layout/shell.component';

@Component({
  selector: 'pc-root',
  imports: [ShellComponent],
  template: '<pc-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
