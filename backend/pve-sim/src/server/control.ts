import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './params.js';

/** The fault operations the control API exposes (the programmatic handle's `faults`). */
export interface FaultControls {
  setDown(down: boolean): Promise<void>;
  setLatency(ms: number): void;
  setErrorRate(f: number): void;
  setNodeOffline(node: string, offline: boolean): void;
  /** the node stays online in the cluster view; calls forwarded to it hang until the proxy timeout */
  setNodeHung(node: string, hung: boolean): void;
  /** how long pveproxy waits for an offline or hung node before answering 595/596 */
  setProxyTimeout(ms: number): void;
  rotateCertificate(): Promise<string>;
  /**
   * The CT's init dies (OOM kill, crash): PVE shows it stopped and no task records it, as when
   * lxc-monitord reports the container STOPPED without a vzstop/vzshutdown worker.
   */
  crashGuest(vmid: number): void;
  reset(): Promise<void>;
  snapshot(): Record<string, unknown>;
}

type Body = Record<string, unknown>;

const ACTIONS: Record<string, (f: FaultControls, b: Body) => unknown> = {
  'POST /faults/down': (f, b) => f.setDown(b.down !== false),
  'POST /faults/up': (f) => f.setDown(false),
  'POST /faults/latency': (f, b) => f.setLatency(Number(b.ms ?? 0)),
  'POST /faults/error-rate': (f, b) => f.setErrorRate(Number(b.rate ?? 0)),
  'POST /faults/node-offline': (f, b) => f.setNodeOffline(String(b.node), b.offline !== false),
  'POST /faults/node-hung': (f, b) => f.setNodeHung(String(b.node), b.hung !== false),
  'POST /faults/proxy-timeout': (f, b) => f.setProxyTimeout(Number(b.ms)),
  'POST /faults/rotate-certificate': async (f) => ({ fingerprint: await f.rotateCertificate() }),
  'POST /faults/crash-guest': (f, b) => f.crashGuest(Number(b.vmid)),
  'POST /faults/reset': (f) => f.reset(),
  'GET /faults': (f) => f.snapshot(),
};

/** Further control actions (e.g. access-controls.ts), keyed like ACTIONS. */
export type ExtraActions = Record<string, (b: Body) => unknown>;

async function handle(
  faults: FaultControls,
  extra: ExtraActions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const key = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://control').pathname}`;
  const more = extra[key];
  const action = more ? (_: FaultControls, b: Body) => more(b) : ACTIONS[key];
  let status = 200;
  let payload: unknown;
  try {
    if (!action) {
      status = 404;
      const actions = [...Object.keys(ACTIONS), ...Object.keys(extra)];
      payload = { error: `unknown control action '${key}'`, actions };
    } else {
      const text = await readBody(req);
      const result = await action(faults, text ? (JSON.parse(text) as Body) : {});
      payload = result ?? faults.snapshot();
    }
  } catch (err) {
    status = 400;
    payload = { error: (err as Error).message };
  }
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** A plain-HTTP control API on loopback only: faults for tests and demos. */
export async function startControlServer(
  faults: FaultControls,
  port: number,
  extra: ExtraActions = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => void handle(faults, extra, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${actual}` };
}
