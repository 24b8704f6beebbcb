import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { ConnectionStatusDto } from '../../api/models';
import { StatusService } from '../../api/services';
import { ConnectionBannerComponent } from './connection-banner.component';
import { ConnectionStore, connectionBanner, shownNodeStatus } from './connection.store';

function aStatus(overrides: Partial<ConnectionStatusDto> = {}): ConnectionStatusDto {
  return {
    state: 'online',
    mode: 'live',
    message: 'Proxmox answers',
    detail: null,
    reason: null,
    offlineNodes: [],
    unreachableNodes: [],
    endpoint: 'https://pve1.lan:8006',
    endpoints: ['https://pve1.lan:8006', 'https://pve2.lan:8006'],
    failedOver: false,
    since: '2026-01-01T00:00:00Z',
    lastContact: '2026-01-01T00:00:00Z',
    writable: true,
    ...overrides,
  };
}

describe('connectionBanner', () => {
  it('stays quiet while Proxmox answers', () =>
    expect(connectionBanner(aStatus(), null)).toBeNull());
  it('names the node it talks to while the preferred one does not answer', () =>
    expect(
      connectionBanner(
        aStatus({
          endpoint: 'https://pve2.lan:8006',
          failedOver: true,
          message: 'Connected to Proxmox through https://pve2.lan:8006: the preferred …',
        }),
        null,
      ),
    ).toEqual({
      tone: 'warning',
      text: 'Connected to Proxmox through https://pve2.lan:8006: the preferred …',
    }));
  it('warns about offline nodes', () =>
    expect(
      connectionBanner(
        aStatus({ state: 'degraded', message: 'Some nodes are offline', offlineNodes: ['pve2'] }),
        null,
      ),
    ).toEqual({ tone: 'warning', text: 'Some nodes are offline (offline: pve2)' }));
  it('says that data is cached and actions are off when Proxmox is unreachable', () => {
    const banner = connectionBanner(
      aStatus({
        state: 'offline',
        message: 'TLS certificate changed',
        detail: 'fingerprint-mismatch',
        writable: false,
      }),
      null,
    );
    expect(banner?.tone).toBe('error');
    expect(banner?.text).toContain(
      'TLS certificate changed (fingerprint-mismatch). Showing cached data',
    );
  });
  it('says since when Proxmox is unreachable and that changes are paused, in wall-clock time', () => {
    const since = new Date(2026, 11, 6, 14, 2, 30).toISOString();
    const banner = connectionBanner(
      aStatus({ state: 'offline', message: 'Proxmox is unreachable', since, writable: false }),
      null,
    );
    expect(banner?.text).toBe(
      'Proxmox is unreachable since 14:02 — changes are paused. Showing cached data until Proxmox answers again.',
    );
  });
  it('reports the console server itself being unreachable', () =>
    expect(connectionBanner(undefined, 'no answer')?.text).toContain(
      'console server is not answering',
    ));
});

describe('shownNodeStatus', () => {
  const pve1 = { node: 'pve1', status: 'online' };

  it('shows the status Proxmox listed while it answers', () =>
    expect(shownNodeStatus(pve1, aStatus())).toBe('online'));

  it('never shows a node online from the cached list while Proxmox is unreachable', () =>
    expect(shownNodeStatus(pve1, aStatus({ state: 'offline' }))).toBe('unknown'));

  it('shows a node the console cannot reach as offline even if the cluster lists it online', () =>
    expect(shownNodeStatus(pve1, aStatus({ state: 'degraded', unreachableNodes: ['pve1'] }))).toBe(
      'offline',
    ));
});

describe('ConnectionStore and banner', () => {
  it('shows demo mode, writability and the banner from the status endpoint', async () => {
    const status = aStatus({
      state: 'offline',
      mode: 'demo',
      writable: false,
      message: 'Proxmox is unreachable',
    });
    TestBed.configureTestingModule({
      providers: [{ provide: StatusService, useValue: { getConnectionStatus: () => of(status) } }],
    });
    const fixture = TestBed.createComponent(ConnectionBannerComponent);
    await fixture.whenStable();
    const store = TestBed.inject(ConnectionStore);
    expect(store.demo()).toBe(true);
    expect(store.writable()).toBe(false);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Proxmox is unreachable');
  });
});
