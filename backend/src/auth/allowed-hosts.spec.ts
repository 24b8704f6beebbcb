import { describe, expect, it } from 'vitest';
import { checkAllowedHosts, hostAllowed, hostOf } from './allowed-hosts.js';

describe('allowed hosts', () => {
  const list = ['proxicloud.lan', '*.ops.lan', '192.168.1.20', '[fd00::20]'];

  it('takes the host of a Host header without its port, case or trailing dot', () => {
    expect(hostOf('ProxiCloud.LAN:8080')).toBe('proxicloud.lan');
    expect(hostOf('proxicloud.lan.')).toBe('proxicloud.lan');
    expect(hostOf('[FD00::20]:8443')).toBe('fd00::20');
    expect(hostOf('192.168.1.20')).toBe('192.168.1.20');
  });

  it('lets every host through while the list is empty', () => {
    expect(hostAllowed('anything.example', [])).toBe(true);
    expect(hostAllowed(undefined, [])).toBe(true);
  });

  it('answers to the listed names and addresses, whatever the port', () => {
    expect(hostAllowed('proxicloud.lan:8080', list)).toBe(true);
    expect(hostAllowed('192.168.1.20:8080', list)).toBe(true);
    expect(hostAllowed('[fd00::20]:8080', list)).toBe(true);
    expect(hostAllowed('PROXICLOUD.lan', list)).toBe(true);
  });

  it('refuses other names, look-alikes and a missing Host', () => {
    expect(hostAllowed('attacker.example', list)).toBe(false);
    expect(hostAllowed('proxicloud.lan.attacker.example', list)).toBe(false);
    expect(hostAllowed('xproxicloud.lan', list)).toBe(false);
    expect(hostAllowed('192.168.1.21', list)).toBe(false);
    expect(hostAllowed(undefined, list)).toBe(false);
    expect(hostAllowed('', list)).toBe(false);
    expect(hostAllowed(`${'a'.repeat(300)}.lan`, list)).toBe(false);
  });

  it('matches *.domain to names under the domain, not the domain itself', () => {
    expect(hostAllowed('pve.ops.lan', list)).toBe(true);
    expect(hostAllowed('a.b.ops.lan:443', list)).toBe(true);
    expect(hostAllowed('ops.lan', list)).toBe(false);
    expect(hostAllowed('evilops.lan', list)).toBe(false);
  });

  it('always answers to loopback names, which only the console host itself sends', () => {
    expect(hostAllowed('localhost:8080', list)).toBe(true);
    expect(hostAllowed('127.0.0.1:8080', list)).toBe(true);
    expect(hostAllowed('[::1]:8080', list)).toBe(true);
  });

  it('refuses entries with a port, a scheme or no host name at start', () => {
    expect(checkAllowedHosts('proxicloud.lan, *.ops.lan, 10.0.0.1, [fd00::1], fd00::2')).toBe(
      undefined,
    );
    expect(checkAllowedHosts('')).toBe(undefined);
    expect(checkAllowedHosts('proxicloud.lan:8080,https://ops.lan,*,a b')).toBe(
      'has entries that are no host name, *.domain or address (no ports or schemes): proxicloud.lan:8080, https://ops.lan, *, a b',
    );
  });
});
