import { toNetworkChange } from './container-networks.component';
import { describePending, numberOrNull, textOrNull, withDeletes } from './settings-values';

describe('settings values', () => {
  it('reads empty fields as not set', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull(null)).toBeNull();
    expect(numberOrNull(2)).toBe(2);
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull(' a ')).toBe('a');
  });

  it('names emptied fields in delete instead of sending null', () => {
    expect(withDeletes({ cores: null, memory: 512, swap: null })).toEqual({
      memory: 512,
      delete: ['cores', 'swap'],
    });
    expect(withDeletes({ memory: 512 })).toEqual({ memory: 512 });
  });

  it('deletes the emptied options of an existing interface and leaves them out of a new one', () => {
    const form = {
      name: 'eth0',
      bridge: 'vmbr0',
      ip: 'dhcp',
      gateway: '',
      ip6: '',
      gateway6: '',
      vlan: '',
      firewall: true,
      rate: null,
      mtu: 1400,
    };
    expect(toNetworkChange('net0', form)).toEqual({
      key: 'net0',
      name: 'eth0',
      bridge: 'vmbr0',
      ip: 'dhcp',
      firewall: true,
      mtu: 1400,
      delete: ['gateway', 'ip6', 'gateway6', 'vlan', 'rate'],
    });
    expect(toNetworkChange(null, form)).toEqual({
      name: 'eth0',
      bridge: 'vmbr0',
      ip: 'dhcp',
      firewall: true,
      mtu: 1400,
    });
  });

  it('says what each pending change does at the next restart', () => {
    expect(
      describePending([
        { key: 'nameserver', pending: '9.9.9.9', delete: false },
        { key: 'features', value: 'nesting=1', delete: true },
      ]),
    ).toEqual([
      'nameserver: 9.9.9.9 at the next restart (now unset)',
      'features: removed at the next restart (now nesting=1)',
    ]);
  });
});
