import { TestBed } from '@angular/core/testing';
import { aStorage } from '../../../testing/fakes';
import { buildCreateRequest } from '../create-request';
import { baseWizardValue } from '../../../testing/fakes';
import { ReviewStepComponent, reviewRows } from './review-step.component';

describe('reviewRows', () => {
  it('describes the request in words, with the free space of the storage', () => {
    const rows = reviewRows(buildCreateRequest(baseWizardValue), [
      aStorage({ avail: 2 * 1024 ** 3 }),
    ]);
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.value]));
    expect(byLabel['Root disk']).toBe('8 GiB on local-lvm (2.0 GiB free)');
    expect(byLabel['IPv4']).toBe('DHCP');
    expect(byLabel['IPv6']).toBe('none');
    expect(byLabel['Access']).toBe('root password');
    expect(byLabel['Features']).toBe('nesting');
    expect(byLabel['Start']).toBe('right after creation');
  });

  it('describes static addressing, VLAN and SSH keys', () => {
    const req = buildCreateRequest({
      ...baseWizardValue,
      ipv4Mode: 'static',
      ip: '10.0.0.5/24',
      gateway: '10.0.0.1',
      ipv6Mode: 'auto',
      vlan: 30,
      password: '',
      sshKeys: 'ssh-ed25519 AAAA a\nssh-ed25519 BBBB b',
      onboot: true,
    });
    const byLabel = Object.fromEntries(reviewRows(req).map((r) => [r.label, r.value]));
    expect(byLabel['IPv4']).toBe('10.0.0.5/24 via 10.0.0.1');
    expect(byLabel['IPv6']).toBe('SLAAC');
    expect(byLabel['Network']).toBe('vmbr0, VLAN 30');
    expect(byLabel['Access']).toBe('2 SSH key(s)');
    expect(byLabel['Start']).toBe('right after creation, and on node boot');
  });

  it('renders one row per setting', async () => {
    const fixture = TestBed.createComponent(ReviewStepComponent);
    fixture.componentRef.setInput('request', buildCreateRequest(baseWizardValue));
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('dt').length).toBe(13);
  });
});
