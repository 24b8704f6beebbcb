import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ChangePasswordDto, LoginDto, MeDto, OidcStatusDto, SetupDto } from '../../api/models';
import { AuthService } from '../../api/services';
import { Role, roleAllows } from './roles';

export type AuthStatus = 'unknown' | 'signed-in' | 'anonymous';

/**
 * Who is signed in, with the session's CSRF token. The session cookie itself is HttpOnly, so
 * /api/auth/me is the only way to learn whether one exists: 401 means "show the login page".
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthService);
  private readonly me = signal<MeDto | null>(null);
  private readonly state = signal<AuthStatus>('unknown');
  private loading: Promise<AuthStatus> | null = null;

  readonly status = this.state.asReadonly();
  readonly user = this.me.asReadonly();
  readonly signedIn = computed(() => this.state() === 'signed-in');
  readonly username = computed(() => this.me()?.username ?? null);
  readonly role = computed<Role | null>(() => this.me()?.role ?? null);
  readonly csrfToken = computed(() => this.me()?.csrfToken ?? null);
  readonly isAdmin = computed(() => roleAllows(this.role(), 'admin'));
  readonly isOperator = computed(() => roleAllows(this.role(), 'operator'));

  /** Asks the server once who we are; later calls share that answer until it changes. */
  ensureLoaded(): Promise<AuthStatus> {
    if (this.state() !== 'unknown') return Promise.resolve(this.state());
    this.loading ??= this.fetchMe();
    return this.loading;
  }

  can(need: Role): boolean {
    return roleAllows(this.role(), need);
  }

  /** True until the first admin exists; a failed check counts as false (the login page stays). */
  async setupRequired(): Promise<boolean> {
    try {
      return (await firstValueFrom(this.api.getSetupStatus())).required;
    } catch {
      return false;
    }
  }

  /** Single sign-on for the login page; a failed check counts as "not configured". */
  async oidcStatus(): Promise<OidcStatusDto> {
    try {
      return await firstValueFrom(this.api.getOidcStatus());
    } catch {
      return { enabled: false, localLogin: true };
    }
  }

  async login(body: LoginDto): Promise<void> {
    this.signIn(await firstValueFrom(this.api.login({ body })));
  }

  async completeSetup(body: SetupDto): Promise<void> {
    this.signIn(await firstValueFrom(this.api.completeSetup({ body })));
  }

  /** The server renews the session on a password change, so the CSRF token changes too. */
  async changePassword(body: ChangePasswordDto): Promise<void> {
    this.signIn(await firstValueFrom(this.api.changePassword({ body })));
  }

  /** Forgets the user locally even if the server call fails: the cookie may already be gone. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.api.logout());
    } catch {
      // an expired session cannot be ended twice; the local sign-out below is what matters
    } finally {
      this.signOutLocally();
    }
  }

  /** Asks the server again (e.g. after two-factor sign-in was turned on). */
  async reload(): Promise<AuthStatus> {
    this.loading = null;
    this.state.set('unknown');
    return this.ensureLoaded();
  }

  /** A 401 from any call: the session ended (expired, password changed elsewhere, revoked). */
  signOutLocally(): void {
    this.loading = null;
    this.me.set(null);
    this.state.set('anonymous');
  }

  private signIn(me: MeDto): void {
    this.me.set(me);
    this.state.set('signed-in');
  }

  private async fetchMe(): Promise<AuthStatus> {
    try {
      this.signIn(await firstValueFrom(this.api.getMe()));
    } catch {
      // 401 is the expected answer without a session; any other failure also leads to the login
      // page, whose sign-in attempt then shows what is wrong with the server
      this.me.set(null);
      this.state.set('anonymous');
    } finally {
      this.loading = null;
    }
    return this.state();
  }
}
