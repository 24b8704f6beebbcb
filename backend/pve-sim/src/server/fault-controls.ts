import { haltGuest } from '../handlers/lxc-power.js';
import { rotateCertificate } from './certificate.js';
import type { SimContext } from './context.js';
import type { FaultControls } from './control.js';
import type { HttpsListener } from './https-listener.js';

/** The operations behind the handle's `faults` and the loopback control API. */
export function createFaultControls(
  sim: SimContext,
  listener: HttpsListener,
  dataDir: string,
): FaultControls {
  const controls: FaultControls = {
    async setDown(down) {
      sim.faults.down = down;
      if (down) await listener.close();
      else await listener.resume();
    },
    setLatency: (ms) => void (sim.faults.latencyMs = ms),
    setErrorRate: (f) => void (sim.faults.errorRate = f),
    setNodeOffline(node, offline) {
      const n = sim.cluster.nodes.get(node);
      if (!n) throw new Error(`no such node '${node}'`);
      n.online = !offline;
      if (offline) sim.faults.offlineNodes.add(node);
      else sim.faults.offlineNodes.delete(node);
      sim.cluster.version++;
    },
    setNodeHung(node, hung) {
      if (!sim.cluster.nodes.has(node)) throw new Error(`no such node '${node}'`);
      if (hung) sim.faults.hungNodes.add(node);
      else sim.faults.hungNodes.delete(node);
    },
    setProxyTimeout(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('ms must be a number >= 0');
      sim.faults.proxyTimeoutMs = ms;
    },
    async rotateCertificate() {
      const cert = await rotateCertificate(dataDir);
      listener.useCertificate(cert);
      return cert.fingerprint;
    },
    crashGuest(vmid) {
      const g = sim.cluster.guests.get(vmid);
      if (!g) throw new Error(`no such guest ${vmid}`);
      if (g.status !== 'running') throw new Error(`guest ${vmid} is not running`);
      haltGuest(sim, g);
    },
    async reset() {
      for (const node of [...sim.faults.offlineNodes]) controls.setNodeOffline(node, false);
      await controls.setDown(false);
      sim.faults.reset();
    },
    snapshot: () => sim.faults.snapshot(),
  };
  return controls;
}
