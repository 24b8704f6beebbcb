import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { AuthService } from '../../api/services';
import LoginPageComponent from './login-page.component';

async function render(login: () => unknown, returnUrl?: string) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      {
        provide: AuthService,
        useValue: {
          login: vi.fn(login),
          getSetupStatus: () => of({ required: true }),
          getOidcStatus: () =>
            of({ enabled: true, buttonLabel: 'Sign in with Authentik', localLogin: true }),
        },
      },
    ],
  });
  const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(LoginPageComponent);
  if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const type = (label: string, value: string) => {
    const field = [...el.querySelectorAll('mat-form-field')].find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    );
    const input = field!.querySelector('input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  };
  return { el, type, submit, navigate, fixture };
}

describe('LoginPageComponent', () => {
  it('signs in with the labelled fields and returns to where the user was', async () => {
    const me = { username: 'admin', role: 'admin', kind: 'session', csrfToken: 'c' };
    const { el, type, submit, navigate } = await render(() => of(me), '/containers/101');
    expect(el.querySelector('button[type=submit]')?.textContent?.trim()).toBe('Sign in');
    type('Username', 'admin');
    type('Password', 'correct-horse-battery');
    await submit();
    const api = TestBed.inject(AuthService) as unknown as { login: ReturnType<typeof vi.fn> };
    expect(api.login).toHaveBeenCalledWith({
      body: { username: 'admin', password: 'correct-horse-battery' },
    });
    expect(navigate).toHaveBeenCalledWith('/containers/101');
  });

  it("shows the server's message on wrong credentials and stays", async () => {
    const wrong = new HttpErrorResponse({
      status: 401,
      error: { message: 'Wrong username or password' },
    });
    const { el, type, submit, navigate, fixture } = await render(() => throwError(() => wrong));
    type('Username', 'admin');
    type('Password', 'nope-nope');
    await submit();
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Wrong username or password');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('asks for both fields before calling the server', async () => {
    const { el, submit } = await render(() => of(null));
    await submit();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Enter your username');
    expect(
      (TestBed.inject(AuthService) as unknown as { login: ReturnType<typeof vi.fn> }).login,
    ).not.toHaveBeenCalled();
  });

  it('links to the setup page while the first admin is missing', async () => {
    const { el } = await render(() => of(null));
    expect(el.querySelector('a[href="/setup"]')).not.toBeNull();
  });

  it('asks for the two-factor code after a right password, then signs in with it', async () => {
    const me = { username: 'admin', role: 'admin', kind: 'session', csrfToken: 'c' };
    const needCode = new HttpErrorResponse({
      status: 401,
      error: { message: 'Enter the code from your authenticator app', reason: 'totp-required' },
    });
    let calls = 0;
    const { el, type, submit, navigate, fixture } = await render(() =>
      calls++ === 0 ? throwError(() => needCode) : of(me),
    );
    type('Username', 'admin');
    type('Password', 'correct-horse-battery');
    await submit();
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('authenticator app');
    expect(navigate).not.toHaveBeenCalled();
    type('Two-factor code', '123456');
    await submit();
    const api = TestBed.inject(AuthService) as unknown as { login: ReturnType<typeof vi.fn> };
    expect(api.login).toHaveBeenLastCalledWith({
      body: { username: 'admin', password: 'correct-horse-battery', code: '123456' },
    });
    expect(navigate).toHaveBeenCalled();
  });

  it('offers single sign-on with the configured label', async () => {
    const { el, fixture } = await render(() => of(null));
    fixture.detectChanges();
    const sso = el.querySelector<HTMLAnchorElement>('a[href="/api/auth/oidc/login"]');
    expect(sso?.textContent).toContain('Sign in with Authentik');
  });
});
