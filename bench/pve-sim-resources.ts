/**
 * Requests per second for GET /cluster/resources on the large scenario (10 nodes, 1,000 CTs).
 * Run: npx tsx bench/pve-sim-resources.ts [--duration 10] [--connections 10]
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startPveSim } from '../backend/pve-sim/src/index.js';

const TOKEN = { tokenId: 'root@pam!bench', secret: '5f0c2a9e-8d41-4b7a-9c3e-2f6d1a0b7e84' };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
    },
  });
  const sim = await startPveSim({
    port: 0,
    scenario: 'large',
    controlPort: false,
    tokens: [{ ...TOKEN, privsep: false }],
  });
  try {
    // autocannon skips certificate checks (it hard-codes rejectUnauthorized: false); this is a
    // loopback benchmark, and the sim's tests cover TLS pinning.
    const result = await autocannon({
      url: `${sim.url}/api2/json/cluster/resources`,
      headers: { Authorization: `PVEAPIToken=${TOKEN.tokenId}=${TOKEN.secret}` },
      connections: Number(values.connections),
      duration: Number(values.duration),
    });
    const bytesPerReq = result.throughput.average / Math.max(1, result.requests.average);
    console.log(
      `GET /cluster/resources, large scenario (1,000 CTs, 10 nodes, ${Math.round(bytesPerReq / 1024)} KiB per response)`,
    );
    console.log(`connections ${result.connections}, duration ${result.duration}s`);
    console.log(
      `requests/s  avg ${result.requests.average}  p50 ${result.requests.p50}  min ${result.requests.min}`,
    );
    console.log(
      `latency ms  avg ${result.latency.average}  p50 ${result.latency.p50}  p99 ${result.latency.p99}`,
    );
    console.log(`non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
  } finally {
    await sim.stop();
  }
}

void main();
