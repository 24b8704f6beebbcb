/** Every way a Proxmox call can fail, as the console needs to tell them apart. */
export type ProxmoxErrorCode =
  | 'unreachable'
  | 'tls'
  | 'auth'
  | 'permission'
  | 'locked'
  | 'conflict'
  | 'not-found'
  | 'invalid'
  | 'timeout'
  | 'upstream';

export interface ProxmoxErrorDetails {
  /** HTTP status PVE answered with, when there was an answer */
  status?: number;
  /** permission: the missing privilege(s), e.g. VM.PowerMgmt */
  privilege?: string;
  /** permission: the ACL path, e.g. /vms/100 */
  path?: string;
  /** locked: the lock name, e.g. create */
  lock?: string;
  /** invalid: PVE's per-parameter messages */
  fieldErrors?: Record<string, string>;
  /** tls: 'fingerprint-mismatch' | 'untrusted' | 'handshake'; unreachable: node name when a node is down */
  reason?: string;
  /** tls fingerprint-mismatch: what the server presented */
  presentedFingerprint?: string;
  node?: string;
}

export class ProxmoxError extends Error {
  constructor(
    readonly code: ProxmoxErrorCode,
    message: string,
    readonly details: ProxmoxErrorDetails = {},
  ) {
    super(message);
    this.name = 'ProxmoxError';
  }
}
