import type { Upid } from './proxmox.types.js';

/** The regex PVE itself uses (PVE::UPID in pve-common); pstart may have 9 digits after ~497 days. */
const UPID_PATTERN =
  /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$/;

/** Decodes a task id; returns null for anything PVE would not accept as a UPID. */
export function parseUpid(upid: string): Upid | null {
  const match = UPID_PATTERN.exec(upid);
  if (!match) {
    return null;
  }
  const [, node, , pid, pstart, starttime, type, id, fullUser] = match;
  const bang = fullUser.indexOf('!');
  const parsed: Upid = {
    upid,
    node,
    pid: parseInt(pid, 16),
    pstart: parseInt(pstart, 16),
    starttime: parseInt(starttime, 16),
    type,
    id,
    user: bang === -1 ? fullUser : fullUser.slice(0, bang),
  };
  if (bang !== -1) {
    parsed.tokenid = fullUser.slice(bang + 1);
  }
  return parsed;
}
