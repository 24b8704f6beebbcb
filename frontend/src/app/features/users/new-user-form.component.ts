import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { CreateUserDto } from '../../api/models';
import { passwordProblem, usernameProblem } from '../../core/auth/password-rules';
import { ROLES, Role } from '../../core/auth/roles';

/** Checks a new account before it is sent; null when it may go. */
export function newUserProblem(user: CreateUserDto): string | null {
  return usernameProblem(user.username) ?? passwordProblem(user.password);
}

@Component({
  selector: 'pc-new-user-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <form class="pc-panel form" [formGroup]="form" (ngSubmit)="submit()" aria-label="New user">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>New username</mat-label>
        <input matInput formControlName="username" autocomplete="off" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Initial password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="role">
        <mat-label>Role</mat-label>
        <mat-select formControlName="role">
          @for (role of roles; track role) {
            <mat-option [value]="role">{{ role }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()">
        <mat-icon>person_add</mat-icon>Add user
      </button>
      @if (problem(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .role {
      width: 140px;
    }
    .problem {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewUserFormComponent {
  readonly busy = input(false);
  /** Creates the user; the form clears only when that worked, so a refused name can be fixed. */
  readonly create = input.required<(user: CreateUserDto) => Promise<boolean>>();
  protected readonly roles = ROLES;
  protected readonly problem = signal<string | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    username: [''],
    password: [''],
    role: this.fb.control<Role>('viewer'),
  });

  protected async submit(): Promise<void> {
    const user = this.form.getRawValue();
    const problem = newUserProblem(user);
    this.problem.set(problem);
    if (!problem && (await this.create()(user))) this.form.reset();
  }
}
