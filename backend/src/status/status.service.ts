import { Inject, Injectable } from '@nestjs/common';
import { type ConnectionStatus, ReachabilityService } from '../cache/reachability.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ConnectionStatusDto } from './dto/connection-status.dto.js';

/** The connection status as the UI shows it: banner, stale badges, disabled actions. */
@Injectable()
export class StatusService {
  constructor(
    private readonly reachability: ReachabilityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  getConnectionStatus(): ConnectionStatusDto {
    return this.toDto(this.reachability.current());
  }

  private toDto(s: ConnectionStatus): ConnectionStatusDto {
    return {
      state: s.state,
      since: new Date(s.since).toISOString(),
      lastContact: s.lastContact === null ? null : new Date(s.lastContact).toISOString(),
      reason: s.reason,
      detail: s.detail,
      message: s.message,
      mode: this.config.mode,
      writable: s.state !== 'offline',
      offlineNodes: s.offlineNodes,
      unreachableNodes: s.unreachableNodes,
      endpoint: s.endpoint,
      endpoints: s.endpoints,
      failedOver: s.endpoint !== null && s.endpoints.length > 0 && s.endpoint !== s.endpoints[0],
    };
  }
}
