import { tabBlocker } from './tab-blocker';

describe('tabBlocker', () => {
  const free = { writable: true, denied: '' };

  it('lets an action start when nothing stands in its way', () => {
    expect(tabBlocker(free)).toBe('');
  });

  it('names the first obstacle: offline, busy, lock, role or token, then this container', () => {
    const all = {
      writable: false,
      busy: true,
      lock: 'backup',
      denied: 'Needs the admin role',
      deniedHere: 'VM.Snapshot on /vms/107',
    };
    expect(tabBlocker(all)).toBe('Proxmox cannot be reached: actions are disabled');
    expect(tabBlocker({ ...all, what: 'changes' })).toBe(
      'Proxmox cannot be reached: changes are disabled',
    );
    expect(tabBlocker({ ...all, writable: true })).toBe('Another action is running');
    expect(tabBlocker({ ...all, writable: true, busy: false })).toBe(
      'Locked (backup) by a running task',
    );
    expect(tabBlocker({ ...all, writable: true, busy: false, lock: null })).toBe(
      'Needs the admin role',
    );
    expect(tabBlocker({ ...free, deniedHere: 'VM.Snapshot on /vms/107' })).toBe(
      'VM.Snapshot on /vms/107',
    );
  });
});
