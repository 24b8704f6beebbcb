import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { confirmByName, namesMatch } from './confirm-name-dialog.component';

describe('namesMatch', () => {
  it('accepts the exact name with surrounding spaces', () =>
    expect(namesMatch(' web-1 ', 'web-1')).toBe(true));
  it('rejects a different case', () => expect(namesMatch('Web-1', 'web-1')).toBe(false));
  it('rejects a partial name', () => expect(namesMatch('web', 'web-1')).toBe(false));
  it('never matches an empty expected name', () => expect(namesMatch('', '')).toBe(false));
});

describe('confirmByName', () => {
  const data = {
    title: 'Delete container',
    name: 'web-1',
    action: 'Delete',
    message: 'Gone for good.',
  };

  function dialogButtons(): { input: HTMLInputElement; confirm: HTMLButtonElement } {
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    const buttons = overlay.querySelectorAll('button');
    return {
      input: overlay.querySelector('input') as HTMLInputElement,
      confirm: buttons[buttons.length - 1],
    };
  }

  it('keeps the confirm button disabled until the name is typed, then resolves true', async () => {
    const dialog = TestBed.inject(MatDialog);
    const result = firstValueFrom(confirmByName(dialog, data));
    await TestBed.inject(ApplicationRef).whenStable();
    const { input, confirm } = dialogButtons();
    expect(confirm.disabled).toBe(true);

    input.value = 'web-1';
    input.dispatchEvent(new Event('input'));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(confirm.disabled).toBe(false);

    confirm.click();
    await expect(result).resolves.toBe(true);
  });

  it('resolves false when cancelled', async () => {
    const dialog = TestBed.inject(MatDialog);
    const result = firstValueFrom(confirmByName(dialog, data));
    dialog.closeAll();
    await expect(result).resolves.toBe(false);
  });
});
