import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { PermissionReportDto } from './dto/permission-report.dto.js';
import { FEATURES } from './permission-features.js';
import { evaluateFeatures } from './permission-report.js';

/** Reads the token's effective permissions from Proxmox and says which features they allow. */
@Injectable()
export class PermissionsService {
  private readonly logger = new Logger('Permissions');

  constructor(
    private readonly proxmox: ProxmoxClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(): Promise<PermissionReportDto> {
    const map = await this.proxmox.getPermissions();
    return {
      tokenId: this.config.pve.tokenId ?? '',
      checkedAt: new Date().toISOString(),
      features: evaluateFeatures(map, FEATURES),
    };
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
