import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { BreadcrumbLabels } from './breadcrumb-labels';
import { BreadcrumbsComponent } from './breadcrumbs.component';
import { buildBreadcrumbs } from './breadcrumbs';

@Component({ template: '' })
class BlankPage {}

const routes = [
  {
    path: 'containers',
    data: { breadcrumb: 'Containers' },
    children: [
      { path: '', component: BlankPage },
      { path: 'new', data: { breadcrumb: 'Create' }, component: BlankPage },
      {
        path: ':vmid',
        data: { breadcrumb: (r: { params: Record<string, string> }) => `CT ${r.params['vmid']}` },
        component: BlankPage,
      },
    ],
  },
];

describe('buildBreadcrumbs', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter(routes)] }));

  async function crumbsAt(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return buildBreadcrumbs(TestBed.inject(Router).routerState.snapshot.root);
  }

  it('gives one crumb for a section page', async () => {
    expect(await crumbsAt('/containers')).toEqual([{ label: 'Containers', url: '/containers' }]);
  });

  it('builds labels from route parameters', async () => {
    expect(await crumbsAt('/containers/101')).toEqual([
      { label: 'Containers', url: '/containers' },
      { label: 'CT 101', url: '/containers/101' },
    ]);
  });

  it('renders links for all but the current page', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/containers/new');
    const fixture = TestBed.createComponent(BreadcrumbsComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('a')?.textContent).toBe('Containers');
    expect(el.querySelector('[aria-current=page]')?.textContent).toBe('Create');
  });

  it('uses a label a page set for its own URL', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/containers/101');
    TestBed.inject(BreadcrumbLabels).set('/containers/101', 'web-1 (CT 101)');
    const fixture = TestBed.createComponent(BreadcrumbsComponent);
    await fixture.whenStable();
    const current = (fixture.nativeElement as HTMLElement).querySelector('[aria-current=page]');
    expect(current?.textContent).toBe('web-1 (CT 101)');
  });
});
