import { BreakpointObserver } from '@angular/cdk/layout';
import { Injectable, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

export const PHONE_QUERY = '(max-width: 839.98px)';
const RAIL_KEY = 'pc.nav.rail';

/** Shell layout state: phone detection, the phone drawer and the desktop icon rail. */
@Injectable({ providedIn: 'root' })
export class LayoutStore {
  readonly isPhone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  private readonly drawerOpen = signal(false);
  private readonly railPreferred = signal(readRailPreference());

  /** On a phone the nav is an overlay drawer; on wider screens it is always shown. */
  readonly navOpened = computed(() => (this.isPhone() ? this.drawerOpen() : true));
  /** The rail (icons only) applies to wide screens only; the phone drawer always shows labels. */
  readonly rail = computed(() => !this.isPhone() && this.railPreferred());

  toggleNav(): void {
    if (this.isPhone()) {
      this.drawerOpen.update((open) => !open);
      return;
    }
    const next = !this.railPreferred();
    this.railPreferred.set(next);
    writeRailPreference(next);
  }

  /** Called after navigation so the phone drawer does not cover the page just opened. */
  closeDrawer(): void {
    this.drawerOpen.set(false);
  }
}

function readRailPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(RAIL_KEY) === '1';
  } catch {
    return false;
  }
}

function writeRailPreference(rail: boolean): void {
  try {
    globalThis.localStorage?.setItem(RAIL_KEY, rail ? '1' : '0');
  } catch {
    // Private browsing can refuse storage; the preference then lasts for this session only.
  }
}
