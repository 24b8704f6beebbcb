import { Injectable } from '@nestjs/common';
import { type Cached, CachedReadService } from '../cache/cached-read.service.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { TagStyle } from '../proxmox/tag-style.js';

/** datacenter.cfg changes rarely: its tag-style is read from Proxmox at most this often. */
export const TAG_STYLE_MAX_AGE_MS = 5 * 60_000;
const TAG_STYLE_KEY = 'datacenter-tag-style';

interface TagStyleRead extends TagStyle {
  /** epoch ms of the Proxmox answer, to know when to ask again */
  readAt: number;
}

/** Datacenter-wide settings the console follows (datacenter.cfg via GET /cluster/options). */
@Injectable()
export class DatacenterService {
  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cached: CachedReadService,
    private readonly reachability: ReachabilityService,
  ) {}

  /**
   * How Proxmox stores tags; the answer is reused for TAG_STYLE_MAX_AGE_MS (not one request per
   * tag edit), and the last known one is served stale while Proxmox is away.
   */
  async tagStyle(): Promise<Cached<TagStyle>> {
    const read = await this.cached.read<TagStyleRead>(
      TAG_STYLE_KEY,
      async () => ({ ...(await this.proxmox.getTagStyle()), readAt: Date.now() }),
      // reused while young; with Proxmox away it is the last known one, said to be stale
      {
        final: (v) =>
          !this.reachability.isOffline() && Date.now() - v.readAt < TAG_STYLE_MAX_AGE_MS,
      },
    );
    const { caseSensitive, ordering } = read.value;
    return { ...read, value: { caseSensitive, ordering } };
  }
}
