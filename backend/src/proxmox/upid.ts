import type { Upid } from './proxmox.types.js';
import { splitTokenId } from './token-id.js';

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
  const { user, token } = splitTokenId(fullUser);
  const parsed: Upid = {
    upid,
    node,
    pid: parseInt(pid, 16),
    pstart: parseInt(pstart, 16),
    starttime: parseInt(starttime, 16),
    type,
    id,
    user,
  };
  if (token !== undefined) {
    parsed.tokenid = token;
  }
  return parsed;
}
