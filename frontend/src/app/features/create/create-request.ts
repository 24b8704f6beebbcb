import { CreateContainerDto, NodeDto } from '../../api/models';

/** Client-side copies of the API's input rules, so mistakes show before the request is sent. */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_BODY = `${OCTET}(\\.${OCTET}){3}`;
const IPV6_BODY = '[0-9a-fA-F:]*:[0-9a-fA-F:.]*';
export const IPV4 = new RegExp(`^${IPV4_BODY}$`);
export const CIDR_V4 = new RegExp(`^${IPV4_BODY}\\/(3[0-2]|[12]?\\d)$`);
// The look-ahead caps the length first (45: the longest IPv6 text), so the two stars can never
// backtrack over a long input (L-1 of the security review: quadratic on a run of colons).
export const IPV6 = new RegExp(`^(?=.{2,45}$)${IPV6_BODY}$`);
export const CIDR_V6 = new RegExp(`^(?=.{4,49}$)${IPV6_BODY}\\/(12[0-8]|1[01]\\d|[1-9]?\\d)$`);
export const DNS_NAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$/;
const SSH_KEY_LINE =
  /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

export type Ipv4Mode = 'dhcp' | 'static';
export type Ipv6Mode = 'none' | 'dhcp' | 'auto' | 'static';

/** Everything the wizard collects, in the shape of its form. */
export interface WizardValue {
  readonly node: string;
  readonly template: string;
  readonly hostname: string;
  readonly cores: number;
  readonly memory: number;
  readonly swap: number;
  readonly disk: number;
  readonly storage: string;
  readonly bridge: string;
  readonly ipv4Mode: Ipv4Mode;
  readonly ip: string;
  readonly gateway: string;
  readonly ipv6Mode: Ipv6Mode;
  readonly ip6: string;
  readonly gateway6: string;
  readonly vlan: number | null;
  readonly password: string;
  readonly sshKeys: string;
  readonly unprivileged: boolean;
  readonly nesting: boolean;
  readonly onboot: boolean;
  readonly start: boolean;
  readonly tags: string;
  readonly description: string;
}

/** Tags typed as "web, prod db" → ['web', 'prod', 'db'], without duplicates. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

export function invalidTags(text: string): string[] {
  return parseTags(text).filter((tag) => !TAG.test(tag));
}

/** Empty is valid (keys are optional); otherwise every non-empty line must be a public key. */
export function sshKeysValid(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.every((l) => SSH_KEY_LINE.test(l));
}

/** Only sends what the user set or what differs from the API's defaults' meaning. */
export function buildCreateRequest(v: WizardValue): CreateContainerDto {
  const tags = parseTags(v.tags);
  const body: CreateContainerDto = {
    template: v.template,
    hostname: v.hostname.trim(),
    node: v.node,
    cores: v.cores,
    memory: v.memory,
    swap: v.swap,
    disk: v.disk,
    storage: v.storage || undefined,
    bridge: v.bridge.trim() || undefined,
    ip: v.ipv4Mode === 'dhcp' ? 'dhcp' : v.ip.trim(),
    gateway: v.ipv4Mode === 'static' && v.gateway.trim() ? v.gateway.trim() : undefined,
    ip6: ipv6Value(v),
    gateway6: v.ipv6Mode === 'static' && v.gateway6.trim() ? v.gateway6.trim() : undefined,
    vlan: v.vlan ?? undefined,
    password: v.password || undefined,
    sshKeys: v.sshKeys.trim() || undefined,
    unprivileged: v.unprivileged,
    nesting: v.nesting,
    onboot: v.onboot,
    start: v.start,
    tags: tags.length ? tags : undefined,
    description: v.description.trim() || undefined,
  };
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as CreateContainerDto;
}

function ipv6Value(v: WizardValue): string | undefined {
  if (v.ipv6Mode === 'none') return undefined;
  return v.ipv6Mode === 'static' ? v.ip6.trim() : v.ipv6Mode;
}

/** The node in the top bar if it is online, else the online node with most free memory. */
export function pickDefaultNode(nodes: readonly NodeDto[], preferred: string): string {
  const online = nodes.filter((n) => n.status === 'online');
  if (online.some((n) => n.node === preferred)) return preferred;
  const best = [...online].sort((a, b) => b.maxmem - b.mem - (a.maxmem - a.mem))[0];
  return best?.node ?? '';
}

/** Whether a disk of `gib` fits in `availBytes`, keeping the caller honest about units. */
export function diskFits(gib: number, availBytes: number | undefined): boolean {
  return availBytes === undefined || gib * 1024 ** 3 <= availBytes;
}
