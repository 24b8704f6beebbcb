import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { DashboardService, StatusService } from '../../api/services';
import { ConnectionStore } from '../../core/connection/connection.store';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { aDashboard } from '../../testing/fakes';
import DashboardComponent from './dashboard.component';
import { provideSignedIn, signIn } from '../../core/auth/auth.testing';

describe('DashboardComponent', () => {
  it('shows counts, use, nodes, top consumers, tasks and activity', async () => {
    TestBed.configureTestingModule({
      providers: [
        ...provideSignedIn(),
        provideRouter([]),
        { provide: DashboardService, useValue: { getDashboard: () => of(aDashboard()) } },
      ],
    });
    await signIn();
    const fixture = TestBed.createComponent(DashboardComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.big')?.textContent).toBe('3');
    expect(el.textContent).toContain('2 running');
    expect(el.textContent).toContain('Offline: pve2');
    expect(el.querySelectorAll('pc-usage-meter').length).toBe(3);
    expect(el.textContent).toContain('db-1');
    expect(el.querySelector('pc-task-table')).not.toBeNull();
    expect(el.querySelector('.activity span.error')?.textContent).toContain('CT 101 is locked');
  });

  it('counts templates with the containers and follows the top-bar node picker', async () => {
    localStorage.clear();
    const getDashboard = vi.fn((p?: { node?: string }) =>
      of(
        aDashboard({
          containers: { total: 4, running: 2, stopped: 1, unknown: 0, templates: 1 },
          ...(p?.node ? { node: p.node } : {}),
        }),
      ),
    );
    TestBed.configureTestingModule({
      providers: [
        ...provideSignedIn(),
        provideRouter([]),
        { provide: DashboardService, useValue: { getDashboard } },
      ],
    });
    await signIn();
    const fixture = TestBed.createComponent(DashboardComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.big')?.textContent).toBe('4');
    expect(el.textContent).toContain('1 template');
    expect(getDashboard).toHaveBeenLastCalledWith(undefined);

    TestBed.inject(ClusterStore).selectNode('pve2');
    await fixture.whenStable();
    await vi.waitFor(() => expect(getDashboard).toHaveBeenLastCalledWith({ node: 'pve2' }));
    await fixture.whenStable();
    expect(el.querySelector('.scope')?.textContent).toContain('Node pve2 only');
  });

  it('does not show nodes green from the cached list while Proxmox is unreachable', async () => {
    const status = { state: 'offline', unreachableNodes: [], writable: false, since: '' };
    TestBed.configureTestingModule({
      providers: [
        ...provideSignedIn(),
        provideRouter([]),
        { provide: DashboardService, useValue: { getDashboard: () => of(aDashboard()) } },
        { provide: StatusService, useValue: { getConnectionStatus: () => of(status) } },
      ],
    });
    await signIn();
    await TestBed.inject(ConnectionStore).refresh();
    const fixture = TestBed.createComponent(DashboardComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const chip = [...el.querySelectorAll('.nodes pc-status-chip')].find((c) =>
      c.textContent?.includes('pve1'),
    )!;
    expect(chip.classList.contains('good')).toBe(false);
    expect(chip.classList.contains('warning')).toBe(true);
  });
});
