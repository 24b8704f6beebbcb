import { readFileSync } from 'node:fs';
import { Global, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from './proxmox.client.js';

/** Builds the one Proxmox client of the console from the validated config. */
export function createProxmoxClient(config: AppConfig): ProxmoxClient {
  const logger = new Logger('Proxmox');
  const pve = config.pve;
  const [preferred, ...others] = pve.urls;
  if (!preferred || !pve.tokenId || !pve.tokenSecret) {
    throw new Error('Proxmox connection is not configured (PROXICLOUD_PVE_URL and token)');
  }
  return new ProxmoxClient(
    {
      baseUrl: preferred,
      fallbacks: others.map((baseUrl, i) => ({ baseUrl, fingerprint: pve.fingerprints[i + 1] })),
      // back to the preferred node within a collection cycle of it answering again. The check
      // rides on calls, and the collector's one call per cycle comes a little more or less than a
      // cycle after the last check (timer and call jitter): a gate of a whole cycle would skip
      // every cycle that comes early, so the gate is half a cycle (at most two checks per cycle).
      preferredRecheckMs: (config.collectIntervalS * 1000) / 2,
      tokenId: pve.tokenId,
      tokenSecret: pve.tokenSecret,
      fingerprint: pve.fingerprints[0],
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
