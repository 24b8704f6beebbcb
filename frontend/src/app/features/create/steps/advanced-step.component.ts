import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

type AdvancedGroup = FormGroup<{
  unprivileged: FormControl<boolean>;
  nesting: FormControl<boolean>;
  onboot: FormControl<boolean>;
  start: FormControl<boolean>;
  tags: FormControl<string>;
  description: FormControl<string>;
}>;

@Component({
  selector: 'pc-advanced-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule],
  template: `
    <div [formGroup]="form()">
      <div class="toggles">
        <mat-slide-toggle formControlName="unprivileged"
          >Unprivileged container (recommended)</mat-slide-toggle
        >
        <mat-slide-toggle formControlName="nesting"
          >Nesting (needed for Docker and systemd features)</mat-slide-toggle
        >
        <mat-slide-toggle formControlName="onboot">Start when the node boots</mat-slide-toggle>
        <mat-slide-toggle formControlName="start">Start once created</mat-slide-toggle>
      </div>
      @if (form().errors?.['nesting']; as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <p class="hint">
        Other feature flags (keyctl, fuse, mount, mknod) can only be set by root&#64;pam, never by
        the console's API token. Once the container exists, run as root on its node, for example:
        <code>pct set &lt;id&gt; --features nesting=1,keyctl=1</code>
      </p>
      <div class="fields">
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Tags</mat-label>
          <input matInput formControlName="tags" placeholder="web, prod" />
          <mat-hint>Separate with commas or spaces</mat-hint>
          <mat-error>{{ form().controls.tags.errors?.['tags'] }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Description</mat-label>
          <textarea matInput rows="3" formControlName="description"></textarea>
        </mat-form-field>
      </div>
    </div>
  `,
  styleUrl: './steps.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdvancedStepComponent {
  readonly form = input.required<AdvancedGroup>();
}
