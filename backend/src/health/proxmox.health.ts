import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';

/** Proxmox reachability with the reason when it fails: unreachable, tls, auth, timeout, ... */
@Injectable()
export class ProxmoxHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly proxmox: ProxmoxClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(key: string) {
    const session = this.indicators.check(key);
    const mode = this.config.mode;
    try {
      await this.proxmox.checkConnection();
      return session.up({ mode });
    } catch (error) {
      if (!(error instanceof ProxmoxError)) throw error;
      const detail = error.details.reason ? { detail: error.details.reason } : {};
      return session.down({ mode, reason: error.code, message: error.message, ...detail });
    }
  }
}
