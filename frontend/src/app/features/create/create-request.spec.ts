import { NodeDto } from '../../api/models';
import {
  CIDR_V4,
  CIDR_V6,
  IPV6,
  buildCreateRequest,
  diskFits,
  invalidTags,
  parseTags,
  pickDefaultNode,
  sshKeysValid,
} from './create-request';
import { baseWizardValue } from '../../testing/fakes';

describe('buildCreateRequest', () => {
  it('maps a DHCP setup and drops empty optional fields', () => {
    const body = buildCreateRequest(baseWizardValue);
    expect(body).toEqual({
      template: baseWizardValue.template,
      hostname: 'brave-otter',
      node: 'pve1',
      cores: 2,
      memory: 1024,
      swap: 512,
      disk: 8,
      storage: 'local-lvm',
      bridge: 'vmbr0',
      ip: 'dhcp',
      password: 'secret1',
      unprivileged: true,
      nesting: true,
      onboot: false,
      start: true,
      tags: ['web', 'prod'],
    });
  });

  it('sends static IPv4 and IPv6 with gateways and the VLAN tag', () => {
    const body = buildCreateRequest({
      ...baseWizardValue,
      ipv4Mode: 'static',
      ip: '192.168.1.50/24',
      gateway: '192.168.1.1',
      ipv6Mode: 'static',
      ip6: 'fd00::50/64',
      gateway6: 'fd00::1',
      vlan: 20,
    });
    expect(body).toMatchObject({
      ip: '192.168.1.50/24',
      gateway: '192.168.1.1',
      ip6: 'fd00::50/64',
      gateway6: 'fd00::1',
      vlan: 20,
    });
  });

  it('sends SLAAC as ip6 auto without a gateway', () => {
    const body = buildCreateRequest({ ...baseWizardValue, ipv6Mode: 'auto', gateway6: 'fd00::1' });
    expect(body.ip6).toBe('auto');
    expect(body.gateway6).toBeUndefined();
  });
});

describe('tags', () => {
  it('splits on commas and spaces and removes duplicates', () =>
    expect(parseTags('web, prod  web;db')).toEqual(['web', 'prod', 'db']));
  it('reports tags Proxmox would refuse', () =>
    expect(invalidTags('ok bad/tag')).toEqual(['bad/tag']));
});

describe('sshKeysValid', () => {
  it('accepts an empty field', () => expect(sshKeysValid('')).toBe(true));
  it('accepts public keys one per line', () =>
    expect(
      sshKeysValid('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ me@laptop\n\nssh-rsa AAAAB3Nza== x'),
    ).toBe(true));
  it('rejects a private key or junk', () =>
    expect(sshKeysValid('-----BEGIN OPENSSH PRIVATE KEY-----')).toBe(false));
});

describe('address patterns', () => {
  it('need a prefix length', () => {
    expect(CIDR_V4.test('10.0.0.5/24')).toBe(true);
    expect(CIDR_V4.test('10.0.0.5')).toBe(false);
    expect(CIDR_V4.test('300.0.0.5/24')).toBe(false);
    expect(CIDR_V6.test('fd00::5/64')).toBe(true);
  });

  it('refuse IPv6 text longer than any address before matching it', () => {
    const colons = ':'.repeat(95_000);
    expect(IPV6.test('fd00::1')).toBe(true);
    expect(IPV6.test(':'.repeat(46))).toBe(false);
    expect(IPV6.test(`${colons}x`)).toBe(false);
    expect(CIDR_V6.test(`${':'.repeat(47)}/64`)).toBe(false);
    expect(CIDR_V6.test(`${colons}/x`)).toBe(false);
  });
});

describe('pickDefaultNode', () => {
  const node = (name: string, status: string, free: number): NodeDto =>
    ({ node: name, status, mem: 0, maxmem: free }) as NodeDto;
  const nodes = [
    node('pve1', 'online', 8),
    node('pve2', 'online', 32),
    node('pve3', 'offline', 64),
  ];

  it('keeps the preferred node when it is online', () =>
    expect(pickDefaultNode(nodes, 'pve1')).toBe('pve1'));
  it('otherwise picks the online node with most free memory', () => {
    expect(pickDefaultNode(nodes, 'pve3')).toBe('pve2');
    expect(pickDefaultNode(nodes, '')).toBe('pve2');
  });
  it('gives up with an empty string when no node is online', () =>
    expect(pickDefaultNode([node('pve3', 'offline', 1)], '')).toBe(''));
});

describe('diskFits', () => {
  it('compares GiB with free bytes', () => {
    expect(diskFits(8, 10 * 1024 ** 3)).toBe(true);
    expect(diskFits(16, 10 * 1024 ** 3)).toBe(false);
    expect(diskFits(16, undefined)).toBe(true);
  });
});
