import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';
import { LayoutStore } from './layout.store';

describe('LayoutStore', () => {
  let breakpoint: BehaviorSubject<BreakpointState>;

  beforeEach(() => {
    localStorage.clear();
    breakpoint = new BehaviorSubject<BreakpointState>({ matches: false, breakpoints: {} });
    TestBed.configureTestingModule({
      providers: [{ provide: BreakpointObserver, useValue: { observe: () => breakpoint } }],
    });
  });

  it('keeps the nav open on wide screens and toggles the icon rail, remembering it', () => {
    const store = TestBed.inject(LayoutStore);
    expect(store.navOpened()).toBe(true);
    expect(store.rail()).toBe(false);
    store.toggleNav();
    expect(store.rail()).toBe(true);
    expect(localStorage.getItem('pc.nav.rail')).toBe('1');
  });

  it('uses a closed drawer on phones that opens on toggle and closes after navigation', () => {
    breakpoint.next({ matches: true, breakpoints: {} });
    const store = TestBed.inject(LayoutStore);
    expect(store.isPhone()).toBe(true);
    expect(store.navOpened()).toBe(false);
    store.toggleNav();
    expect(store.navOpened()).toBe(true);
    store.closeDrawer();
    expect(store.navOpened()).toBe(false);
  });

  it('never shows the rail on a phone even if preferred on desktop', () => {
    localStorage.setItem('pc.nav.rail', '1');
    breakpoint.next({ matches: true, breakpoints: {} });
    const store = TestBed.inject(LayoutStore);
    expect(store.rail()).toBe(false);
  });
});
