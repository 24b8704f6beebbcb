import {
  AbstractControl,
  FormBuilder,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { TemplateDefaultsDto } from '../../api/models';
import {
  CIDR_V4,
  CIDR_V6,
  DNS_NAME,
  IPV4,
  IPV6,
  Ipv4Mode,
  Ipv6Mode,
  WizardValue,
  invalidTags,
  sshKeysValid,
} from './create-request';

/** Static addresses need an address; a gateway is optional but must be valid when given. */
export const networkValidator: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const v = group.value as {
    ipv4Mode: Ipv4Mode;
    ip: string;
    gateway: string;
    ipv6Mode: Ipv6Mode;
    ip6: string;
    gateway6: string;
  };
  const errors: ValidationErrors = {};
  if (v.ipv4Mode === 'static') {
    if (!CIDR_V4.test(v.ip.trim()))
      errors['ip'] = 'Enter an IPv4 address with prefix, e.g. 192.168.1.50/24';
    if (v.gateway.trim() && !IPV4.test(v.gateway.trim()))
      errors['gateway'] = 'Enter an IPv4 address, e.g. 192.168.1.1';
  }
  if (v.ipv6Mode === 'static') {
    if (!CIDR_V6.test(v.ip6.trim()))
      errors['ip6'] = 'Enter an IPv6 address with prefix, e.g. fd00::50/64';
    if (v.gateway6.trim() && !IPV6.test(v.gateway6.trim()))
      errors['gateway6'] = 'Enter an IPv6 address';
  }
  return Object.keys(errors).length ? errors : null;
};

/** Like Proxmox's own wizard: a password, SSH keys, or both; typed passwords must match. */
export const accessValidator: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const v = group.value as { password: string; passwordConfirm: string; sshKeys: string };
  const errors: ValidationErrors = {};
  if (!v.password && !v.sshKeys.trim())
    errors['missing'] = 'Set a root password, add SSH keys, or both';
  if (v.password && v.password.length < 5)
    errors['short'] = 'The password needs at least 5 characters';
  if (v.password && v.password !== v.passwordConfirm) errors['mismatch'] = 'The passwords differ';
  if (!sshKeysValid(v.sshKeys))
    errors['keys'] = 'Each line must be an OpenSSH public key (ssh-ed25519 AAAA…)';
  return Object.keys(errors).length ? errors : null;
};

/**
 * Proxmox lets only the user root@pam set feature flags on a privileged container (LXC.pm
 * check_ct_modify_config_perm), and the console's API token never is root@pam.
 */
export const advancedValidator: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const v = group.value as { unprivileged: boolean; nesting: boolean };
  return v.nesting && !v.unprivileged
    ? {
        nesting:
          'Proxmox lets only root@pam set nesting on a privileged container: turn nesting off, or keep the container unprivileged',
      }
    : null;
};

export const tagsValidator: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const bad = invalidTags((control.value as string) ?? '');
  return bad.length
    ? { tags: `Not allowed: ${bad.join(', ')} (letters, digits, _ - + . only)` }
    : null;
};

export function createWizardForm(fb: FormBuilder) {
  const nn = fb.nonNullable;
  return fb.group({
    template: nn.group({
      node: nn.control('', Validators.required),
      template: nn.control('', Validators.required),
    }),
    identity: nn.group({
      hostname: nn.control('', [Validators.required, Validators.pattern(DNS_NAME)]),
    }),
    resources: nn.group({
      cores: nn.control(1, [Validators.required, Validators.min(1), Validators.max(8192)]),
      memory: nn.control(512, [Validators.required, Validators.min(16)]),
      swap: nn.control(512, [Validators.required, Validators.min(0)]),
      disk: nn.control(8, [Validators.required, Validators.min(1)]),
      storage: nn.control('', Validators.required),
    }),
    network: nn.group(
      {
        bridge: nn.control('vmbr0', [
          Validators.required,
          Validators.pattern(/^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/),
        ]),
        ipv4Mode: nn.control<Ipv4Mode>('dhcp'),
        ip: nn.control(''),
        gateway: nn.control(''),
        ipv6Mode: nn.control<Ipv6Mode>('none'),
        ip6: nn.control(''),
        gateway6: nn.control(''),
        vlan: fb.control<number | null>(null, [Validators.min(1), Validators.max(4094)]),
      },
      { validators: networkValidator },
    ),
    access: nn.group(
      { password: nn.control(''), passwordConfirm: nn.control(''), sshKeys: nn.control('') },
      { validators: accessValidator },
    ),
    advanced: nn.group(
      {
        unprivileged: nn.control(true),
        nesting: nn.control(true),
        onboot: nn.control(false),
        start: nn.control(true),
        tags: nn.control('', tagsValidator),
        description: nn.control('', Validators.maxLength(8192)),
      },
      { validators: advancedValidator },
    ),
  });
}

export type WizardForm = ReturnType<typeof createWizardForm>;

export function wizardValue(form: WizardForm): WizardValue {
  const v = form.getRawValue();
  return { ...v.template, ...v.identity, ...v.resources, ...v.network, ...v.access, ...v.advanced };
}

/** A template's recommended sizes, applied when the user picks it. */
export function applyTemplateDefaults(form: WizardForm, defaults: TemplateDefaultsDto): void {
  form.controls.resources.patchValue({
    cores: defaults.cores,
    memory: defaults.memory,
    swap: defaults.swap,
    disk: defaults.disk,
  });
}
