import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { firstValueFrom } from 'rxjs';
import { CreateUserDto, UserDto } from '../../api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { openPasswordDialog } from '../../core/auth/password-dialog.component';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ROLES, Role } from '../../core/auth/roles';
import { confirmByName } from '../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { NewUserFormComponent } from './new-user-form.component';
import { UsersStore } from './users.store';

/** What each role may do, said in the role-change confirmation. */
const ROLE_MEANS: Record<Role, string> = {
  viewer: 'they can look at everything and change nothing.',
  operator: 'they can start, stop and change containers, but not manage accounts.',
  admin: 'they can do everything, accounts and tokens included.',
};

@Component({
  selector: 'pc-users-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTooltipModule,
    ErrorStateComponent,
    LoadingStateComponent,
    NewUserFormComponent,
  ],
  providers: [UsersStore],
  template: `
    <div class="pc-page">
      <header class="pc-page-header">
        <h1>Users</h1>
        <button mat-icon-button type="button" aria-label="Refresh" (click)="store.refresh()">
          <mat-icon>refresh</mat-icon>
        </button>
      </header>
      <p class="pc-muted">
        Viewers see everything; operators also start, stop and reboot containers; admins also create
        and delete containers, download templates and manage users and API tokens.
      </p>
      <pc-new-user-form [busy]="store.busy()" [create]="create" />
      @if (store.totp(); as totp) {
        <mat-slide-toggle
          class="require-2fa"
          [checked]="totp.required"
          [disabled]="store.busy()"
          (change)="store.setTotpRequired($event.checked)"
          >Require two-factor sign-in for every account</mat-slide-toggle
        >
      }
      @if (store.actionError(); as message) {
        <p class="action-error" role="alert">{{ message }}</p>
      }
      @if (store.error(); as error) {
        <pc-error-state title="Could not load users" [message]="error" (retry)="store.refresh()" />
      }
      @if (store.loading()) {
        <pc-loading-state label="Loading users…" />
      } @else {
        <div class="pc-table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Two-factor</th>
                <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (user of store.users(); track user.id) {
                <tr>
                  <td>
                    {{ user.username }}
                    @if (user.username === auth.username()) {
                      <span class="pc-muted">(you)</span>
                    }
                  </td>
                  <td>
                    <mat-select
                      #roleSelect
                      class="role"
                      [value]="user.role"
                      [attr.aria-label]="'Role of ' + user.username"
                      [disabled]="store.busy()"
                      (selectionChange)="changeRole(user, $event.value, roleSelect)"
                    >
                      @for (role of roles; track role) {
                        <mat-option [value]="role">{{ role }}</mat-option>
                      }
                    </mat-select>
                  </td>
                  <td class="pc-muted">{{ user.createdAt | date: 'MMM d, y' }}</td>
                  <td>
                    @if (store.totpEnabled(user.id)) {
                      on
                      <button
                        mat-button
                        type="button"
                        [attr.aria-label]="'Reset two-factor sign-in of ' + user.username"
                        [disabled]="store.busy()"
                        (click)="resetTotp(user)"
                      >
                        Reset
                      </button>
                    } @else {
                      <span class="pc-muted">off</span>
                    }
                  </td>
                  <td class="actions">
                    <button mat-button type="button" (click)="resetPassword(user)">
                      <mat-icon>key</mat-icon>Set password
                    </button>
                    <span
                      [matTooltip]="
                        user.username === auth.username()
                          ? 'You cannot delete your own account'
                          : ''
                      "
                    >
                      <button
                        mat-button
                        type="button"
                        class="danger"
                        [disabled]="store.busy() || user.username === auth.username()"
                        (click)="remove(user)"
                      >
                        <mat-icon>delete</mat-icon>Delete
                      </button>
                    </span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </div>
  `,
  styleUrl: './users-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class UsersPageComponent {
  protected readonly store = inject(UsersStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  protected readonly roles = ROLES;

  constructor() {
    void this.store.refresh();
  }

  protected readonly create = (user: CreateUserDto) => this.store.create(user);

  /** Asks first; cancelled (or refused by the server) puts the select back to the old role. */
  protected async changeRole(user: UserDto, role: Role, select: MatSelect): Promise<void> {
    const self = user.username === this.auth.username();
    const sure = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Change the role of ${user.username}?`,
        message:
          `${user.username} goes from ${user.role} to ${role}: ${ROLE_MEANS[role]}` +
          (self && role !== 'admin' ? ' You lose the admin pages at once.' : ''),
        action: `Make ${role}`,
      }),
    );
    if (!sure || !(await this.store.update(user.id, { role }))) select.value = user.role;
  }

  protected async resetPassword(user: UserDto): Promise<void> {
    await firstValueFrom(
      openPasswordDialog(this.dialog, {
        title: `Set a password for ${user.username}`,
        message: 'Their sessions end; they sign in again with the new password.',
        askCurrent: false,
        savedMessage: `The password of ${user.username} was changed; their sessions have ended.`,
        save: async ({ newPassword }) =>
          (await this.store.update(user.id, { password: newPassword }))
            ? null
            : this.store.actionError(),
      }),
    );
  }

  protected async remove(user: UserDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Delete ${user.username}?`,
        name: user.username,
        action: 'Delete',
        message: 'The account and its sessions end now. Its activity history stays.',
      }),
    );
    if (sure) await this.store.remove(user.id);
  }

  protected async resetTotp(user: UserDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Reset two-factor sign-in of ${user.username}?`,
        message:
          `${user.username} signs in with the password alone until they pair a new device` +
          ' (at once, if two-factor sign-in is required).',
        action: 'Reset',
      }),
    );
    if (sure) await this.store.resetTotp(user.id);
  }
}
