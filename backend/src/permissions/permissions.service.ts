import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Cached, CachedReadService } from '../cache/cached-read.service.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { PermissionReportDto } from './dto/permission-report.dto.js';
import { FEATURES } from './permission-features.js';
import { evaluateFeatures, granted, type PermissionMap } from './permission-report.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';

const PERMISSIONS_CACHE_KEY = 'permissions';

/** Reads the token's effective permissions from Proxmox and says which features they allow. */
@Injectable()
export class PermissionsService {
  private readonly logger = new Logger('Permissions');

  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cached: CachedReadService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** From the last answer (stale) while Proxmox is away: the grants rarely change. */
  async report(): Promise<PermissionReportDto> {
    const read = await this.cached.read(PERMISSIONS_CACHE_KEY, () => this.proxmox.getPermissions());
    const freshness = freshnessOf(read);
    return {
      tokenId: this.config.pve.tokenId ?? '',
      checkedAt: freshness.fetchedAt,
      features: evaluateFeatures(read.value, FEATURES),
      ...freshness,
    };
  }

  /**
   * 403 before Proxmox is asked when the token's effective permissions (the cached
   * /access/permissions answer) lack one of `needs`; each need is met by any of its privileges.
   */
  async assertGranted(needs: { path: string; privileges: string[] }[]): Promise<void> {
    const read = await this.cached.read(PERMISSIONS_CACHE_KEY, () => this.proxmox.getPermissions());
    for (const need of needs) {
      if (granted(read.value, need.path, need.privileges)) continue;
      const privilege = need.privileges.join(' or ');
      throw new ProxmoxError(
        'permission',
        `The Proxmox token lacks privilege ${privilege} on ${need.path}`,
        { privilege, path: need.path },
      );
    }
  }

  /**
   * The token's effective privileges on every path (pool members' /vms/<vmid> included, as
   * PVE::RPCEnvironment::get_effective_permissions lists them), read like the report.
   */
  async effective(): Promise<PermissionMap> {
    return (await this.read()).value;
  }

  /** The effective permissions with their freshness (the last answer, stale, while Proxmox is away). */
  read(): Promise<Cached<PermissionMap>> {
    return this.cached.read(PERMISSIONS_CACHE_KEY, () => this.proxmox.getPermissions());
  }

  /** Fresh from Proxmox for one path, never cached: plans re-check just before acting. */
  onPath(path: string): Promise<PermissionMap> {
    return this.proxmox.getPermissions(path);
  }

  /** Start-up check: warns about each feature the token does not allow; never fails the start. */
  async logAtStart(): Promise<void> {
    try {
      const { features } = await this.report();
      for (const f of features.filter((x) => !x.available)) {
        const lacks = f.missing.map((m) => `${m.privilege} on ${m.path}`).join(', ');
        this.logger.warn(`${f.label}: unavailable, the Proxmox token lacks ${lacks}`);
      }
    } catch (error) {
      this.logger.warn(`Could not read the token's permissions: ${(error as Error).message}`);
    }
  }
}
