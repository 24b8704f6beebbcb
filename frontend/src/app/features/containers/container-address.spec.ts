import { ADDRESS_OLD_MS, addressView } from './container-address';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const at = (agoMs: number) => new Date(NOW - agoMs).toISOString();

describe('addressView', () => {
  it('shows the address of a running container with the age of its reading', () => {
    const view = addressView(
      { status: 'running', ipv4: '10.10.0.101', addressReadAt: at(120_000) },
      NOW,
      false,
    );
    expect(view).toEqual({
      text: '10.10.0.101',
      tooltip: 'IPv4 read 2 min ago',
      note: 'read 2 min ago',
      old: false,
    });
  });

  it('marks a reading as old past twice the refresh period or while Proxmox is away', () => {
    const ct = { status: 'running' as const, ipv4: '10.10.0.101' };
    expect(addressView({ ...ct, addressReadAt: at(ADDRESS_OLD_MS + 1_000) }, NOW, false).old).toBe(
      true,
    );
    const away = addressView({ ...ct, addressReadAt: at(1_000) }, NOW, true);
    expect(away.old).toBe(true);
    expect(away.tooltip).toMatch(/last known/);
  });

  it('shows no address for a stopped container, nor before the first reading', () => {
    expect(
      addressView({ status: 'stopped', ipv4: '10.0.0.1', addressReadAt: at(1) }, NOW, false).text,
    ).toBe('—');
    expect(addressView({ status: 'running' }, NOW, false).tooltip).toMatch(/Not read yet/);
    expect(addressView({ status: 'running', addressReadAt: at(1) }, NOW, false).tooltip).toMatch(
      /No IPv4 address/,
    );
  });
});
