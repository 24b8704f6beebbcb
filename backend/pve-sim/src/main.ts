import { parseArgs } from 'node:util';
import { startPveSim, type PveSimOptions } from './index.js';

/** `npm run pve-sim -- --port <p> [--scenario <name|file>] [--speed <f>]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8006' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'default' },
      speed: { type: 'string', default: '1' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      'control-port': { type: 'string' },
      'proxy-timeout-ms': { type: 'string' },
      'pve-version': { type: 'string' },
    },
  });
  const options: PveSimOptions = {
    port: Number(values.port),
    host: values.host,
    scenario: values.scenario,
    speed: Number(values.speed),
    dataDir: values['data-dir'] ?? '.pve-sim',
    log: (line) => console.log(line),
  };
  if (values['pve-version'] !== undefined) options.pveVersion = values['pve-version'];
  if (values.seed !== undefined) options.seed = Number(values.seed);
  if (values['proxy-timeout-ms'] !== undefined)
    options.proxyTimeoutMs = Number(values['proxy-timeout-ms']);
  if (values['control-port'] !== undefined) options.controlPort = Number(values['control-port']);
  const tokenId = process.env.PVE_SIM_TOKEN_ID;
  const secret = process.env.PVE_SIM_TOKEN_SECRET;
  if (tokenId && secret) options.tokens = [{ tokenId, secret, privsep: false }];
  const sim = await startPveSim(options);
  if (sim.controlUrl) console.log(`control API ${sim.controlUrl}`);
  const stop = (): void => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`pve-sim: ${(err as Error).message}`);
  process.exit(1);
});
