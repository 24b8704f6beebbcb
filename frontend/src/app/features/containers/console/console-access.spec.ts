import { FeaturePermissionDto } from '../../../api/models';
import { ConsoleContext, consoleBlocker, refusedMessage } from './console-access';

const running = { vmid: 101, name: 'web-1', status: 'running' };
const ok: ConsoleContext = { role: 'operator', feature: undefined, writable: true };

function consoleFeature(overrides: Partial<FeaturePermissionDto> = {}): FeaturePermissionDto {
  return {
    feature: 'console',
    available: false,
    partial: false,
    missing: [{ privilege: 'VM.Console', path: '/vms', grantedOn: [] }],
    ...overrides,
  } as FeaturePermissionDto;
}

describe('consoleBlocker', () => {
  it('lets an operator open a running container', () => {
    expect(consoleBlocker(running, ok)).toBe('');
    expect(consoleBlocker(running, { ...ok, role: 'admin' })).toBe('');
  });

  it('tells a viewer the console needs the operator role', () => {
    expect(consoleBlocker(running, { ...ok, role: 'viewer' })).toBe(
      'Opening a console needs the operator role; you are signed in as viewer. Ask an admin to change your role.',
    );
  });

  it('tells the user to start a stopped container', () => {
    expect(consoleBlocker({ ...running, status: 'stopped' }, ok)).toBe(
      'web-1 is stopped. Start it to open a console.',
    );
  });

  it('explains templates and unknown states', () => {
    expect(consoleBlocker({ ...running, status: 'stopped', template: true }, ok)).toContain(
      'is a template',
    );
    expect(consoleBlocker({ ...running, status: 'unknown' }, ok)).toContain(
      'its node does not answer',
    );
  });

  it('says Proxmox is unreachable before anything about the container', () => {
    expect(consoleBlocker({ ...running, status: 'stopped' }, { ...ok, writable: false })).toContain(
      'Proxmox cannot be reached',
    );
  });

  it('names the missing VM.Console privilege of the token', () => {
    expect(consoleBlocker(running, { ...ok, feature: consoleFeature() })).toBe(
      'The Proxmox token lacks VM.Console on /vms, so it cannot open a console. Grant it to the token (the PVEVMUser role has it).',
    );
  });

  it('does not block on a partial grant: it may cover this container', () => {
    const partial = consoleFeature({
      partial: true,
      missing: [{ privilege: 'VM.Console', path: '/vms', grantedOn: ['/vms/101'] }],
    });
    expect(consoleBlocker(running, { ...ok, feature: partial })).toBe('');
    expect(refusedMessage(running, partial)).toContain('granted only on /vms/101');
  });
});
