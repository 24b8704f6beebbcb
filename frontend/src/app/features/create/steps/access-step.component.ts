import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { map, startWith, switchMap } from 'rxjs';

type AccessGroup = FormGroup<{
  password: FormControl<string>;
  passwordConfirm: FormControl<string>;
  sshKeys: FormControl<string>;
}>;

@Component({
  selector: 'pc-access-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <p class="hint">Log in as root with a password, with SSH keys, or both.</p>
    <div class="fields" [formGroup]="form()">
      <mat-form-field appearance="outline">
        <mat-label>Root password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Repeat password</mat-label>
        <input
          matInput
          type="password"
          formControlName="passwordConfirm"
          autocomplete="new-password"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" class="wide">
        <mat-label>SSH public keys, one per line</mat-label>
        <textarea
          matInput
          rows="4"
          formControlName="sshKeys"
          spellcheck="false"
          placeholder="ssh-ed25519 AAAA… you@laptop"
        ></textarea>
      </mat-form-field>
    </div>
    @for (message of messages(); track message) {
      <p class="error">{{ message }}</p>
    }
  `,
  styleUrl: './steps.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessStepComponent {
  readonly form = input.required<AccessGroup>();
  /** Shown once the user has typed something, so an untouched step is not a wall of red. */
  protected readonly messages = toSignal(
    toObservable(this.form).pipe(
      switchMap((group) =>
        group.valueChanges.pipe(
          startWith(null),
          map(() => (group.dirty ? errorTexts(group.errors) : [])),
        ),
      ),
    ),
    { initialValue: [] },
  );
}

function errorTexts(errors: ValidationErrors | null): string[] {
  return errors ? Object.values(errors).filter((e): e is string => typeof e === 'string') : [];
}
