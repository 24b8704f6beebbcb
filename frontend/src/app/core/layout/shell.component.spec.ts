import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { AuthService, NodesService, StatusService } from '../../api/services';
import { AuthStore } from '../auth/auth.store';
import { NAV_ITEMS, visibleNavItems } from '../navigation/nav-items';
import { aNode, listOf } from '../../testing/fakes';
import { ShellComponent } from './shell.component';
import { LayoutStore } from './layout.store';

@Component({ template: '<p>page</p>' })
class PageStub {}

describe('ShellComponent', () => {
  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'dashboard', component: PageStub, data: { breadcrumb: 'Dashboard' } },
          { path: 'containers', component: PageStub, data: { breadcrumb: 'Containers' } },
          { path: 'popout', component: PageStub, data: { chromeless: true } },
        ]),
        {
          provide: StatusService,
          useValue: {
            getConnectionStatus: () => of({ state: 'online', mode: 'demo', unreachableNodes: [] }),
          },
        },
        {
          provide: AuthService,
          useValue: { getMe: () => of({ username: 'root', role: 'admin', kind: 'session' }) },
        },
        {
          provide: NodesService,
          useValue: {
            listNodes: () => of(listOf([aNode(), aNode({ node: 'pve2', status: 'offline' })])),
          },
        },
      ],
    });
    await TestBed.inject(AuthStore).ensureLoaded();
  });

  it('renders the top bar, navigation, breadcrumbs and the routed page', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    await TestBed.inject(Router).navigateByUrl('/dashboard');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.brand')?.textContent).toContain('ProxiCloud');
    expect(el.querySelectorAll('pc-side-nav a').length).toBe(
      visibleNavItems(NAV_ITEMS, 'admin').length,
    );
    expect(el.querySelector('pc-breadcrumbs')?.textContent).toContain('Dashboard');
    expect(el.querySelector('main')?.textContent).toContain('page');
    expect(el.querySelector('pc-node-picker mat-icon.warn')).not.toBeNull();
    expect(el.querySelector('.demo')?.textContent).toContain('Demo');
    expect(el.querySelector('button[aria-label="User menu (root)"]')).not.toBeNull();
  });

  it('shows only the routed page, without navigation, when nobody is signed in', async () => {
    TestBed.inject(AuthStore).signOutLocally();
    const fixture = TestBed.createComponent(ShellComponent);
    await TestBed.inject(Router).navigateByUrl('/dashboard');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('pc-top-bar')).toBeNull();
    expect(el.querySelector('pc-side-nav')).toBeNull();
    expect(el.textContent).toContain('page');
  });

  it('shows a chromeless page (the pop-out console) without top bar and navigation', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    await TestBed.inject(Router).navigateByUrl('/popout');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('pc-top-bar')).toBeNull();
    expect(el.querySelector('pc-side-nav')).toBeNull();
    expect(el.querySelector('main#main')?.textContent).toContain('page');
    await TestBed.inject(Router).navigateByUrl('/dashboard');
    await fixture.whenStable();
    expect(el.querySelector('pc-top-bar')).not.toBeNull();
  });

  it('skips to the page content without leaving the page (the link resolves against <base href>)', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    await TestBed.inject(Router).navigateByUrl('/containers');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    document.body.append(el);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    el.querySelector<HTMLAnchorElement>('a.skip-link')!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(el.querySelector('main#main'));
    expect(TestBed.inject(Router).url).toBe('/containers');
    el.remove();
  });

  it('sends the global search to the containers page', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
      'input[type=search]',
    )!;
    input.value = 'web';
    input.dispatchEvent(new Event('input'));
    input.form!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/containers?q=web');
  });

  it('collapses the navigation to an icon rail from the menu button', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('button[aria-label="Toggle navigation"]')!
      .click();
    await fixture.whenStable();
    expect(TestBed.inject(LayoutStore).rail()).toBe(true);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('pc-side-nav [matListItemTitle]'),
    ).toBeNull();
  });
});
