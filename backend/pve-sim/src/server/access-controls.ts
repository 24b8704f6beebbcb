import type { SimContext } from './context.js';

type Body = Record<string, unknown>;

/**
 * Control actions on users and tokens, beside the fault controls: tests and demos narrow a token
 * to a pool and widen it again without restarting the simulator. Bodies:
 * `POST /access/token-acl {"tokenid":"u@pve!t","privsep":true,"privileges":{"/pool/web":["PVEVMAdmin"]}}`.
 */
export function accessControlActions(sim: SimContext): Record<string, (body: Body) => unknown> {
  return {
    'POST /access/token-acl': (b) => {
      const privileges = b.privileges as Record<string, string[]> | undefined;
      sim.auth.setTokenAcl(String(b.tokenid), b.privsep !== false, privileges);
      // cached /cluster/resources answers are per token and cluster version
      sim.cluster.version++;
      return { tokenid: b.tokenid, privsep: b.privsep !== false, privileges: privileges ?? {} };
    },
  };
}
