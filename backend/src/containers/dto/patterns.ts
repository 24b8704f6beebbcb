import { isIPv6 } from 'node:net';

/** Input patterns of the console API, matching what Proxmox accepts for the same values. */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_BODY = `${OCTET}(\\.${OCTET}){3}`;

export const IPV4 = new RegExp(`^${IPV4_BODY}$`);
export const CIDR_V4 = new RegExp(`^${IPV4_BODY}\\/(3[0-2]|[12]?\\d)$`);
/**
 * The longest IPv6 address text (an IPv4-mapped one with every group written out) and the
 * longest prefix suffix. The length is checked before anything else looks at the value, and the
 * address itself by node's parser, never by a backtracking pattern: `[0-9a-f:]*:[0-9a-f:.]*` took
 * 11 s on a 95 KB run of colons (L-1 of the security review).
 */
export const IPV6_MAX_LENGTH = 45;
const PREFIX_V6 = /^(12[0-8]|1[01]\d|[1-9]?\d)$/;

/** True for an IPv6 address such as fd00::1 (no prefix, no zone). */
export function isIpv6Address(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length <= IPV6_MAX_LENGTH &&
    !value.includes('%') &&
    isIPv6(value)
  );
}

/** True for an IPv6 address with prefix such as fd00::50/64. */
export function isIpv6Cidr(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > IPV6_MAX_LENGTH + 4) return false;
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  return isIpv6Address(value.slice(0, slash)) && PREFIX_V6.test(value.slice(slash + 1));
}

/** True for an IPv4 or IPv6 address (a DNS server). */
export function isIpAddress(value: unknown): boolean {
  return (typeof value === 'string' && IPV4.test(value)) || isIpv6Address(value);
}
export const DNS_NAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const NODE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
export const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;
/**
 * pve-storage's $VZTMPL_EXT_RE_1 (PVE/Storage.pm): `.tar.gz|xz|zst|bz2` (bz2 since pve-storage 8.2.6,
 * PVE 8.3) and a bare `.tar` (OCI images saved by `docker save`, since PVE 9.1); parse_volname
 * refuses every other name, `.tgz` included.
 */
export const TEMPLATE_VOLID =
  /^[a-z][a-z0-9\-_.]*[a-z0-9]:vztmpl\/[^/\s]+\.tar(\.(gz|xz|zst|bz2))?$/i;
export const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$/;
const SSH_KEY_LINE =
  /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) ([A-Za-z0-9+/]+={0,3})( .*)?$/;

/**
 * True when every non-empty line is an OpenSSH public key. PVE runs `ssh-keygen -l` on each line
 * (pve-common PVE::Tools::validate_ssh_public_keys) and answers a bare 500 "SSH public key validation
 * error" otherwise, so the blob is checked too: its first string must name the line's key type.
 */
export function isSshKeyList(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const lines = value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.length > 0 && lines.every(isSshKeyLine);
}

function isSshKeyLine(line: string): boolean {
  const m = SSH_KEY_LINE.exec(line);
  if (!m) return false;
  const blob = Buffer.from(m[5], 'base64');
  if (blob.length < 4) return false;
  const length = blob.readUInt32BE(0);
  return blob.length > 4 + length && blob.subarray(4, 4 + length).toString('latin1') === m[1];
}
