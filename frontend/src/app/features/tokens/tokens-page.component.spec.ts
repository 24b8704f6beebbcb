import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { AuthService } from '../../api/services';
import TokensPageComponent from './tokens-page.component';

describe('TokensPageComponent', () => {
  it('creates a token, shows its secret once and lists it with its last use', async () => {
    const created = {
      id: 2,
      name: 'ci-deploy',
      role: 'operator',
      createdBy: 'root',
      createdAt: '2026-11-26T05:00:00Z',
      token: 'pc_0123456789',
    };
    const old = {
      ...created,
      id: 1,
      name: 'old',
      token: undefined,
      lastUsedAt: undefined,
      expiresAt: '2027-03-01T00:00:00Z',
    };
    const createApiToken = vi.fn(() => of(created));
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthService, useValue: { listApiTokens: () => of([old]), createApiToken } },
      ],
    });
    const fixture = TestBed.createComponent(TokensPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('tbody')?.textContent).toContain('never');
    expect(el.querySelector('tbody')?.textContent).toContain('Mar 1, 2027');

    const name = el.querySelector<HTMLInputElement>('input[formcontrolname=name]')!;
    name.value = 'bad name!';
    name.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(el.querySelector('.problem')).not.toBeNull();
    expect(createApiToken).not.toHaveBeenCalled();

    name.value = 'ci-deploy';
    name.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(createApiToken).toHaveBeenCalledWith({
      body: { name: 'ci-deploy', role: 'viewer', expiresInDays: 90 },
    });
    expect(el.querySelector('.secret code')?.textContent).toBe('pc_0123456789');
    expect(el.querySelectorAll('tbody tr')).toHaveLength(2);

    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Done')!.click();
    await fixture.whenStable();
    expect(el.querySelector('.secret')).toBeNull();
    expect(el.textContent).not.toContain('pc_0123456789');
  });

  it('sends no expiry when the token should never expire', async () => {
    const createApiToken = vi.fn(() =>
      of({ id: 3, name: 'forever', role: 'viewer', createdBy: 'root', createdAt: '', token: 't' }),
    );
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthService, useValue: { listApiTokens: () => of([]), createApiToken } },
      ],
    });
    const fixture = TestBed.createComponent(TokensPageComponent);
    await fixture.whenStable();
    const component = fixture.componentInstance as unknown as {
      form: { setValue(v: { name: string; role: string; expiresInDays: number }): void };
    };
    component.form.setValue({ name: 'forever', role: 'viewer', expiresInDays: 0 });
    const el = fixture.nativeElement as HTMLElement;
    el.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(createApiToken).toHaveBeenCalledWith({ body: { name: 'forever', role: 'viewer' } });
  });
});
