import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { ChannelDto } from '../../api/models';
import { AlertsService } from '../../api/services';
import { AuthStore } from '../../core/auth/auth.store';
import ChannelsPageComponent from './channels-page.component';

const hook: ChannelDto = {
  id: 4,
  name: 'ops',
  type: 'webhook',
  settings: { url: 'https://hook.lan/x', format: 'json' },
  secretsSet: ['secret'],
  capPerHour: 20,
  lastFailure: 'last delivery failed: 401 Unauthorized at 14:05',
};

function typeInto(el: HTMLElement, name: string, value: string): void {
  const input = el.querySelector<HTMLInputElement>(`input[formcontrolname=${name}]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('ChannelsPageComponent', () => {
  it('creates a webhook with a write-only secret and tests it, showing the reason it failed', async () => {
    const createAlertChannel = vi.fn(() => of({ id: 4 }));
    const testAlertChannel = vi.fn(() =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 502,
            error: { message: 'webhook answered 401 Unauthorized' },
          }),
      ),
    );
    const listAlertChannels = vi
      .fn()
      .mockReturnValueOnce(of([]))
      .mockReturnValue(of([hook]));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: AlertsService,
          useValue: { listAlertChannels, createAlertChannel, testAlertChannel },
        },
        { provide: AuthStore, useValue: { role: signal('admin') } },
      ],
    });
    const fixture = TestBed.createComponent(ChannelsPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('No channels yet');
    expect(el.querySelector<HTMLInputElement>('input[formcontrolname=secret]')!.type).toBe(
      'password',
    );
    el.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(el.querySelector('.problem')?.textContent).toContain('Give the channel a name.');
    expect(createAlertChannel).not.toHaveBeenCalled();

    typeInto(el, 'name', 'ops');
    typeInto(el, 'url', 'https://hook.lan/x');
    typeInto(el, 'secret', 'hmac-key');
    el.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(createAlertChannel).toHaveBeenCalledWith({
      body: {
        type: 'webhook',
        name: 'ops',
        url: 'https://hook.lan/x',
        format: 'json',
        secret: 'hmac-key',
        capPerHour: 20,
      },
    });
    const item = el.querySelector('[data-channel=ops]')!;
    expect(item.textContent).toContain('secret set (never shown)');
    expect(item.textContent).not.toContain('hmac-key');
    expect(item.querySelector('.failure')?.textContent).toContain(
      'last delivery failed: 401 Unauthorized at 14:05',
    );
    [...item.querySelectorAll('button')].find((b) => b.textContent?.includes('Test'))!.click();
    await fixture.whenStable();
    expect(testAlertChannel).toHaveBeenCalledWith({ id: 4 });
    expect(item.querySelector('.test.failed')?.textContent).toContain(
      'Test failed: webhook answered 401 Unauthorized',
    );
  });
});
