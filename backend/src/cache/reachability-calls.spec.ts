import { describe, expect, it } from 'vitest';
import { proxmoxFailure, useFakePve } from '../proxmox/testing/client-harness.js';
import { ReachabilityService } from './reachability.service.js';

const fake = useFakePve();

/**
 * Reachability is learned inside the Proxmox HTTP layer: any call of the client counts, also the
 * ones no cache or collector wraps (the create planner's nextid, the template checks' aplinfo,
 * task follow-ups, the RRD backfill).
 */
describe('ReachabilityService observing the Proxmox client', () => {
  it('learns from calls nobody wraps: offline on a failure, online on the next answer', async () => {
    const client = fake.connect();
    const reach = new ReachabilityService(client);
    fake.reply(() => ({ status: 401, reason: 'authentication failure' }));
    await proxmoxFailure(client.getNextId());
    expect(reach.current()).toMatchObject({ state: 'offline', reason: 'auth' });
    fake.reply(() => ({ body: { data: '104' } }));
    await client.getNextId();
    expect(reach.current().state).toBe('online');
    reach.onModuleDestroy();
  });

  it('marks the node of a template check that pveproxy answers 595 for', async () => {
    const client = fake.connect();
    const reach = new ReachabilityService(client);
    fake.reply(() => ({ status: 595, reason: 'Connection timed out' }));
    await proxmoxFailure(client.getAplInfo('pve2'));
    expect(reach.current()).toMatchObject({ state: 'degraded', unreachableNodes: ['pve2'] });
    fake.reply(() => ({ body: { data: [] } }));
    await client.getNodeRrd('pve2', 'hour');
    expect(
      reach.current().unreachableNodes,
      'rrddata is answered by the node we talk to (no proxyto): it says nothing about pve2',
    ).toEqual(['pve2']);
    await client.listStorages('pve2');
    expect(reach.current().state, 'a call pveproxy forwards to pve2 clears it').toBe('online');
    reach.onModuleDestroy();
  });

  it('names the node URL it talks to, and says so when it is not the preferred one', async () => {
    const preferred = fake.connect();
    const reachPreferred = new ReachabilityService(preferred);
    expect(reachPreferred.current()).toMatchObject({
      endpoint: fake.pve.baseUrl,
      endpoints: [fake.pve.baseUrl],
    });
    reachPreferred.onModuleDestroy();
    const dead = 'https://127.0.0.1:1';
    const client = fake.connect({
      baseUrl: dead,
      fallbacks: [{ baseUrl: fake.pve.baseUrl, fingerprint: fake.fingerprint }],
    });
    const reach = new ReachabilityService(client);
    fake.reply(() => ({ body: { data: '104' } }));
    await client.getNextId();
    expect(reach.current()).toMatchObject({
      state: 'online',
      endpoint: fake.pve.baseUrl,
      endpoints: [dead, fake.pve.baseUrl],
    });
    expect(reach.current().message).toMatch(
      /through https:\/\/127\.0\.0\.1:\d+: the preferred https:\/\/127\.0\.0\.1:1 does not answer/,
    );
    reach.onModuleDestroy();
  });
});
