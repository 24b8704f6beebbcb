import { TestBed } from '@angular/core/testing';
import { FormBuilder } from '@angular/forms';
import { applyTemplateDefaults, createWizardForm, wizardValue } from './create-form';

function newForm() {
  return createWizardForm(TestBed.inject(FormBuilder));
}

describe('createWizardForm', () => {
  it('starts with DHCP, unprivileged, nesting and start-after-create', () => {
    const v = wizardValue(newForm());
    expect(v.ipv4Mode).toBe('dhcp');
    expect(v.unprivileged).toBe(true);
    expect(v.nesting).toBe(true);
    expect(v.start).toBe(true);
  });

  it('requires an address for static IPv4 and checks the gateway', () => {
    const form = newForm();
    const network = form.controls.network;
    network.patchValue({ ipv4Mode: 'static', ip: '10.0.0.5', gateway: 'x' });
    expect(network.errors?.['ip']).toContain('prefix');
    expect(network.errors?.['gateway']).toBeDefined();
    network.patchValue({ ip: '10.0.0.5/24', gateway: '10.0.0.1' });
    expect(network.valid).toBe(true);
  });

  it('requires a static IPv6 address only in static mode', () => {
    const network = newForm().controls.network;
    network.patchValue({ ipv6Mode: 'static', ip6: '' });
    expect(network.errors?.['ip6']).toBeDefined();
    network.patchValue({ ipv6Mode: 'auto' });
    expect(network.valid).toBe(true);
  });

  it('limits the VLAN tag to 1..4094', () => {
    const network = newForm().controls.network;
    network.patchValue({ vlan: 5000 });
    expect(network.controls.vlan.valid).toBe(false);
  });

  it('asks for a password or keys, matching passwords and valid keys', () => {
    const access = newForm().controls.access;
    expect(access.errors?.['missing']).toBeDefined();
    access.patchValue({ password: 'secret1', passwordConfirm: 'secret2' });
    expect(access.errors?.['mismatch']).toBeDefined();
    access.patchValue({ passwordConfirm: 'secret1' });
    expect(access.valid).toBe(true);
    access.patchValue({ password: '', passwordConfirm: '', sshKeys: 'not a key' });
    expect(access.errors?.['keys']).toBeDefined();
  });

  it('refuses tags Proxmox would refuse and invalid hostnames', () => {
    const form = newForm();
    form.controls.advanced.patchValue({ tags: 'ok, b@d' });
    expect(form.controls.advanced.controls.tags.errors?.['tags']).toContain('b@d');
    form.controls.identity.patchValue({ hostname: 'no_underscores' });
    expect(form.controls.identity.valid).toBe(false);
  });

  it('refuses nesting on a privileged container, as Proxmox does for a token', () => {
    const advanced = newForm().controls.advanced;
    advanced.patchValue({ unprivileged: false });
    expect(advanced.errors?.['nesting']).toContain('root@pam');
    advanced.patchValue({ nesting: false });
    expect(advanced.valid).toBe(true);
  });

  it('offers no keyctl: only root@pam may set it, never the console token', () => {
    expect(Object.keys(newForm().controls.advanced.controls)).not.toContain('keyctl');
  });

  it('applies template defaults to the resources', () => {
    const form = newForm();
    applyTemplateDefaults(form, { cores: 2, memory: 2048, swap: 0, disk: 16 });
    expect(wizardValue(form)).toMatchObject({ cores: 2, memory: 2048, swap: 0, disk: 16 });
  });
});
