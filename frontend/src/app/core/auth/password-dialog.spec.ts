import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import {
  newPasswordProblem,
  openPasswordDialog,
  PasswordChange,
} from './password-dialog.component';

describe('newPasswordProblem', () => {
  it('needs a long enough password typed twice the same', () => {
    expect(newPasswordProblem('short', 'short')).toContain('at least 8');
    expect(newPasswordProblem('long-password', 'long-passwort')).toBe(
      'The two new passwords differ.',
    );
    expect(newPasswordProblem('long-password', 'long-password')).toBeNull();
  });
});

describe('openPasswordDialog', () => {
  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const stable = () => TestBed.inject(ApplicationRef).whenStable();

  async function fill(current: string, next: string): Promise<void> {
    const inputs = [...overlay().querySelectorAll('input')];
    for (const [input, value] of [
      [inputs[0], current],
      [inputs[1], next],
      [inputs[2], next],
    ] as const) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    const save = [...overlay().querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Save password'),
    )!;
    save.click();
    await stable();
    await new Promise((r) => setTimeout(r));
    await stable();
  }

  it('keeps a wrong current password in the dialog, then confirms success there', async () => {
    const sent: PasswordChange[] = [];
    const answers = ['The current password is wrong', null];
    const closed = firstValueFrom(
      openPasswordDialog(TestBed.inject(MatDialog), {
        title: 'Change your password',
        message: 'Other sessions end.',
        askCurrent: true,
        savedMessage: 'Your password was changed.',
        save: (change) => {
          sent.push(change);
          return Promise.resolve(answers.shift() ?? null);
        },
      }),
    );
    await stable();
    await fill('wrong-current', 'a-new-password');
    expect(overlay().querySelector('[role="alert"]')?.textContent).toContain(
      'The current password is wrong',
    );
    expect(overlay().querySelector('form'), 'still open for another try').not.toBeNull();

    await fill('right-current', 'a-new-password');
    expect(sent).toEqual([
      { currentPassword: 'wrong-current', newPassword: 'a-new-password' },
      { currentPassword: 'right-current', newPassword: 'a-new-password' },
    ]);
    expect(overlay().querySelector('[role="status"]')?.textContent).toContain(
      'Your password was changed.',
    );
    [...overlay().querySelectorAll('button')].find((b) => b.textContent?.includes('Done'))!.click();
    await expect(closed).resolves.toBe(true);
  });
});
