import { readFileSync } from 'node:fs';
import { Global, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from './proxmox.client.js';

/** Builds the one Proxmox client of the console from the validated config. */
export function createProxmoxClient(config: AppConfig): ProxmoxClient {
  const logger = new Logger('Proxmox');
  const pve = config.pve;
  if (!pve.url || !pve.tokenId || !pve.tokenSecret) {
    throw new Error('Proxmox connection is not configured (PROXICLOUD_PVE_URL and token)');
  }
  return new ProxmoxClient(
    {
      baseUrl: pve.url,
      tokenId: pve.tokenId,
      tokenSecret: pve.tokenSecret,
      fingerprint: pve.fingerprint,
      ca: pve.caFile ? readFileSync(pve.caFile, 'utf8') : undefined,
      insecure: pve.insecure,
      timeoutMs: pve.timeoutMs,
      nodeTimeoutMs: pve.nodeTimeoutMs,
    },
    { warn: (m) => logger.warn(m), debug: (m) => logger.debug(m) },
  );
}

@Global()
@Module({
  providers: [{ provide: ProxmoxClient, inject: [APP_CONFIG], useFactory: createProxmoxClient }],
  exports: [ProxmoxClient],
})
export class ProxmoxModule implements OnModuleDestroy {
  constructor(private readonly client: ProxmoxClient) {}

  onModuleDestroy(): void {
    this.client.close();
  }
}
