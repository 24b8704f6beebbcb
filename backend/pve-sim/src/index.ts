import { readFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from './cluster/cluster.js';
import { loadScenario } from './cluster/scenario.js';
import { TaskManager } from './cluster/tasks.js';
import { Authenticator, type TokenOption } from './server/auth.js';
import { loadOrCreateCertificate, rotateCertificate, type Certificate } from './server/certificate.js';
import type { SimContext } from './server/context.js';
import { startControlServer, type FaultControls } from './server/control.js';
import { FaultState } from './server/faults.js';
import { Pipeline, type RequestRecord } from './server/pipeline.js';

export interface PveSimOptions {
  /** 0 = random free port; default 8006. */
  port?: number;
  host?: string;
  /** 'default' | 'tiny' | 'large' | path to a scenario JSON file. */
  scenario?: string;
  /** Task duration factor; 0 = instant. */
  speed?: number;
  /** Where the certificate is kept; default a new temp dir. */
  dataDir?: string;
  seed?: number;
  tokens?: TokenOption[];
  /** Loopback control API port; 0 = random; false = none. */
  controlPort?: number | false;
  authFailDelayMs?: number;
  /** pvestatd cadence. */
  metricsIntervalMs?: number;
  log?: (line: string) => void;
  /** Clock in epoch ms (tests pin it for determinism); default Date.now. */
  now?: () => number;
}

export interface PveSimFaults {
  setDown(down: boolean): Promise<void>;
  setLatency(ms: number): void;
  setErrorRate(f: number): void;
  setNodeOffline(node: string, offline: boolean): void;
  rotateCertificate(): Promise<string>;
  reset(): Promise<void>;
}

export interface PveSimHandle {
  url: string;
  port: number;
  /** AA:BB:... upper-case SHA-256 of the current certificate. */
  fingerprint: string;
  /** PEM of the current certificate, for pinning it as a CA in clients. */
  certificate: string;
  controlUrl?: string;
  faults: PveSimFaults;
  requests: RequestRecord[];
  stop(): Promise<void>;
}

function loadAplinfo(): Record<string, unknown>[] {
  const url = new URL('../data/aplinfo.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as { data: Record<string, unknown>[] };
  return parsed.data;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startPveSim(options: PveSimOptions = {}): Promise<PveSimHandle> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const interval = options.metricsIntervalMs ?? 10_000;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pve-sim-'));
  const startMs = now();
  let cert: Certificate = await loadOrCreateCertificate(dataDir);
  const nowSec = (): number => now() / 1000;
  const scenario = loadScenario(options.scenario ?? 'default');
  const sim: SimContext = {
    cluster: new Cluster(scenario, seed, Math.floor(startMs / 1000)),
    tasks: new TaskManager(options.speed ?? 1, nowSec, seed),
    auth: new Authenticator(scenario.users, options.tokens ?? [], nowSec),
    faults: new FaultState(seed),
    aplinfo: loadAplinfo(),
    fingerprint: () => cert.fingerprint,
    nowSec,
    sampleSec: () => Math.floor((startMs + Math.floor((now() - startMs) / interval) * interval) / 1000),
  };
  const pipeline = new Pipeline(sim, options.authFailDelayMs ?? 3000);
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => void pipeline.handle(req, res));
  const port = await listen(server, options.port ?? 8006, host);
  const url = `https://${host}:${port}`;
  const faults: FaultControls = {
    async setDown(down) {
      sim.faults.down = down;
      if (down) await close(server);
      else if (!server.listening) await listen(server, port, host);
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
    async rotateCertificate() {
      cert = await rotateCertificate(dataDir);
      server.setSecureContext({ key: cert.key, cert: cert.cert });
      handle.fingerprint = cert.fingerprint;
      handle.certificate = cert.cert;
      return cert.fingerprint;
    },
    async reset() {
      for (const node of sim.faults.offlineNodes) faults.setNodeOffline(node, false);
      await faults.setDown(false);
      sim.faults.reset();
    },
    snapshot: () => sim.faults.snapshot(),
  };
  const control = options.controlPort === false ? undefined : await startControlServer(faults, options.controlPort ?? 0);
  const handle: PveSimHandle = {
    url,
    port,
    fingerprint: cert.fingerprint,
    certificate: cert.cert,
    controlUrl: control?.url,
    faults,
    requests: pipeline.requests,
    async stop() {
      sim.tasks.clear();
      await close(server);
      if (control) await new Promise<void>((resolve) => control.server.close(() => resolve()));
    },
  };
  options.log?.(`pve-sim listening on ${url}/api2/json fingerprint ${cert.fingerprint}`);
  return handle;
}
