import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { connectionFailure } from '../cache/proxmox-failure.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';

/**
 * Proxmox reachability with the reason when it fails: unreachable, tls (detail
 * fingerprint-mismatch when the pinned certificate changed), auth, timeout, ... Each check also
 * feeds the reachability tracker, and reports its state, since when and the last contact.
 */
@Injectable()
export class ProxmoxHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly proxmox: ProxmoxClient,
    private readonly reachability: ReachabilityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(key: string) {
    const session = this.indicators.check(key);
    const mode = this.config.mode;
    try {
      await this.proxmox.checkConnection();
      return session.up({ mode, ...this.connection() });
    } catch (error) {
      if (!(error instanceof ProxmoxError)) throw error;
      const detail = error.details.reason ? { detail: error.details.reason } : {};
      return session.down({
        mode,
        reason: error.code,
        // the tracker words connection failures for people (e.g. "the fingerprint changed")
        message: connectionFailure(error) ? this.reachability.current().message : error.message,
        ...detail,
        ...this.connection(),
      });
    }
  }

  private connection(): {
    state: string;
    since: string;
    lastContact: string | null;
    endpoint: string | null;
    failedOver: boolean;
  } {
    const s = this.reachability.current();
    const endpoint = this.proxmox.endpoint();
    return {
      endpoint: endpoint.url,
      failedOver: !endpoint.preferred,
      state: s.state,
      since: new Date(s.since).toISOString(),
      lastContact: s.lastContact === null ? null : new Date(s.lastContact).toISOString(),
    };
  }
}
