import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { AuthService } from '../../api/services';
import { TwoFactorStore } from './two-factor.store';

function setup(api: Partial<Record<keyof AuthService, unknown>>): TwoFactorStore {
  TestBed.configureTestingModule({
    providers: [TwoFactorStore, { provide: AuthService, useValue: api }],
  });
  return TestBed.inject(TwoFactorStore);
}

const me = { username: 'alice', role: 'viewer', kind: 'session', csrfToken: 'c' };

describe('TwoFactorStore', () => {
  it('pairs: setup shows the secret, the first code turns it on and shows the recovery codes', async () => {
    let enabled = false;
    const enableTotp = vi.fn(() => {
      enabled = true;
      return of({ recoveryCodes: ['aaaa-bbbb-cccc', 'dddd-eeee-ffff'] });
    });
    const store = setup({
      getTotpStatus: () => of({ enabled, required: false }),
      setupTotp: () => of({ secret: 'JBSWY3DP', otpauthUrl: 'otpauth://totp/x?secret=JBSWY3DP' }),
      enableTotp,
      getMe: () => of(me),
    });
    await store.refresh();
    expect(store.status()?.enabled).toBe(false);
    await store.startPairing();
    expect(store.pairing()?.secret).toBe('JBSWY3DP');
    expect(await store.enable('123456')).toBe(true);
    expect(enableTotp).toHaveBeenCalledWith({ body: { code: '123456' } });
    expect(store.pairing()).toBeNull();
    expect(store.recoveryCodes()).toHaveLength(2);
    expect(store.status()?.enabled).toBe(true);
  });

  it("shows the server's message for a wrong code and keeps the pairing open", async () => {
    const wrong = new HttpErrorResponse({
      status: 400,
      error: { message: 'The code is wrong: type the six digits your app shows now' },
    });
    const store = setup({
      setupTotp: () => of({ secret: 'S', otpauthUrl: 'otpauth://totp/x?secret=S' }),
      enableTotp: () => throwError(() => wrong),
    });
    await store.startPairing();
    expect(await store.enable('000000')).toBe(false);
    expect(store.error()).toContain('code is wrong');
    expect(store.pairing()).not.toBeNull();
  });

  it('turns off with the password and a code', async () => {
    const disableTotp = vi.fn(() => of(undefined));
    const store = setup({
      disableTotp,
      getTotpStatus: () => of({ enabled: false, required: false }),
      getMe: () => of(me),
    });
    expect(await store.disable('pw', '123456')).toBe(true);
    expect(disableTotp).toHaveBeenCalledWith({ body: { password: 'pw', code: '123456' } });
    expect(store.status()?.enabled).toBe(false);
  });
});
