import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from './cluster/cluster.js';
import { pveRelease } from './cluster/release.js';
import { loadScenario } from './cluster/scenario.js';
import { TaskManager } from './cluster/tasks.js';
import { TerminalSessions } from './handlers/lxc-terminal.js';
import { Authenticator, type TokenOption } from './server/auth.js';
import { loadOrCreateCertificate } from './server/certificate.js';
import type { SimContext } from './server/context.js';
import { accessControlActions } from './server/access-controls.js';
import { startControlServer } from './server/control.js';
import { createFaultControls } from './server/fault-controls.js';
import { FaultState } from './server/faults.js';
import { guestControlActions, guestControls, type PveSimGuests } from './server/guest-controls.js';
import { HttpsListener } from './server/https-listener.js';
import { Pipeline, type RequestRecord } from './server/pipeline.js';

export interface PveSimOptions {
  /** 0 = random free port; default 8006. */
  port?: number;
  host?: string;
  /** 'default' | 'tiny' | 'large' | path to a scenario JSON file. */
  scenario?: string;
  /** PVE release to play, '8.0'..'8.4', '9.0', '9.1'; default the scenario's, else 9.1. */
  pveVersion?: string;
  /** Task duration factor; 0 = instant. */
  speed?: number;
  /** Where the certificate is kept; default a new temp dir. */
  dataDir?: string;
  seed?: number;
  tokens?: TokenOption[];
  /** Loopback control API port; 0 = random; false = none. */
  controlPort?: number | false;
  authFailDelayMs?: number;
  /**
   * How long pveproxy waits for an offline or hung node before answering 595/596; PVE: 30 s
   * (AnyEvent.pm proxy_request). Tests set it short.
   */
  proxyTimeoutMs?: number;
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
  setNodeHung(node: string, hung: boolean): void;
  setProxyTimeout(ms: number): void;
  rotateCertificate(): Promise<string>;
  crashGuest(vmid: number): void;
  reset(): Promise<void>;
}

/** Another node's pveproxy: its own port and certificate, the same cluster behind it. */
export interface PveSimListener {
  url: string;
  port: number;
  fingerprint: string;
  certificate: string;
  /** stops listening (connections refused), as when that node reboots */
  close(): Promise<void>;
  /** listens again on the same port */
  resume(): Promise<number>;
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
  /** locks and guest faults (src/server/guest-controls.ts) */
  guests: PveSimGuests;
  requests: RequestRecord[];
  /**
   * Serves the same cluster on one more port with its own certificate: every PVE node answers
   * the whole cluster's API, so a client can fail over between them (tests, failover demos).
   */
  addListener(): Promise<PveSimListener>;
  stop(): Promise<void>;
}

function loadAplinfo(): Record<string, unknown>[] {
  const url = new URL('../data/aplinfo.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as { data: Record<string, unknown>[] };
  return parsed.data;
}

function createContext(options: PveSimOptions, fingerprint: () => string): SimContext {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const interval = options.metricsIntervalMs ?? 10_000;
  const startMs = now();
  const nowSec = (): number => now() / 1000;
  const scenario = loadScenario(options.scenario ?? 'default');
  const cluster = new Cluster(scenario, seed, Math.floor(startMs / 1000));
  const poolOf = (vmid: number): string | undefined => cluster.guests.get(vmid)?.pool;
  return {
    cluster,
    release: pveRelease(options.pveVersion ?? scenario.pveVersion),
    tasks: new TaskManager(options.speed ?? 1, nowSec, seed),
    terminals: new TerminalSessions(nowSec),
    auth: new Authenticator(scenario.users, options.tokens ?? [], nowSec, poolOf, scenario.roles),
    faults: new FaultState(seed, options.proxyTimeoutMs),
    aplinfo: loadAplinfo(),
    fingerprint,
    nowSec,
    // pvestatd samples every `interval`; between ticks every view shows the last sample.
    sampleSec: () =>
      Math.floor((startMs + Math.floor((now() - startMs) / interval) * interval) / 1000),
  };
}

export async function startPveSim(options: PveSimOptions = {}): Promise<PveSimHandle> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pve-sim-'));
  const cert = await loadOrCreateCertificate(dataDir);
  // The listener holds the current certificate (it changes on rotation); read it lazily.
  const sim = createContext(options, () => https.cert.fingerprint);
  const pipeline = new Pipeline(sim, options.authFailDelayMs ?? 3000);
  const https = new HttpsListener(pipeline, cert, host);
  const port = await https.listen(options.port ?? 8006);
  const url = `https://${host}:${port}`;
  const faults = createFaultControls(sim, https, dataDir);
  const extra: HttpsListener[] = [];
  const control =
    options.controlPort === false
      ? undefined
      : await startControlServer(faults, options.controlPort ?? 0, {
          ...accessControlActions(sim),
          ...guestControlActions(sim),
        });
  const handle: PveSimHandle = {
    url,
    port,
    get fingerprint() {
      return https.cert.fingerprint;
    },
    get certificate() {
      return https.cert.cert;
    },
    controlUrl: control?.url,
    faults,
    guests: guestControls(sim),
    requests: pipeline.requests,
    async addListener() {
      const ownCert = await loadOrCreateCertificate(join(dataDir, `node-${extra.length + 2}`));
      const listener = new HttpsListener(pipeline, ownCert, host);
      extra.push(listener);
      const extraPort = await listener.listen(0);
      return {
        url: `https://${host}:${extraPort}`,
        port: extraPort,
        fingerprint: ownCert.fingerprint,
        certificate: ownCert.cert,
        close: () => listener.close(),
        resume: () => listener.resume(),
      };
    },
    async stop() {
      sim.tasks.clear();
      sim.terminals.clear();
      await Promise.all(extra.map((listener) => listener.close()));
      await https.close();
      if (control) await new Promise<void>((resolve) => control.server.close(() => resolve()));
      // A temp dir we made is ours to remove; a dataDir the caller chose keeps its certificate.
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  options.log?.(`pve-sim listening on ${url}/api2/json fingerprint ${cert.fingerprint}`);
  options.log?.(`pve-sim plays PVE ${sim.release.version}`);
  return handle;
}
