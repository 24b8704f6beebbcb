import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebSocket } from 'ws';
import { guestName, type Guest } from '../cluster/model.js';
import type { Cluster } from '../cluster/cluster.js';
import { PveError, type Handler } from '../server/context.js';
import { principalName } from '../server/principal.js';
import { sampleGuest } from '../metrics/guest-metrics.js';
import { dhcpAddress } from './lxc-interfaces.js';
import { lxcOn, nodeOf } from './views.js';

/** PVE::AccessControl short-lived tickets (VNC): valid from 20 s early to 40 s old. */
const TICKET_MIN_AGE = -20;
const TICKET_MAX_AGE = 40;
/** termproxy gives up when nobody connects within this time. */
const CONNECT_TIMEOUT_MS = 10_000;
const FIRST_PORT = 5900;
const LAST_PORT = 5999;

interface TermSession {
  port: number;
  node: string;
  vmid: number;
  user: string;
  ticket: string;
  end: (error?: string) => void;
  timer: NodeJS.Timeout;
  connected: boolean;
  /** the client's websocket once connected; closed with the session */
  ws?: WebSocket;
}

/** A value a handler returns for a websocket endpoint: its JSON answer, and what to run after the upgrade. */
export class WebSocketAccept {
  constructor(
    readonly data: unknown,
    readonly attach: (ws: WebSocket) => void,
  ) {}
}

/**
 * The termproxy processes of the simulated nodes, by port: `POST .../termproxy` starts one (a
 * `vncproxy` task), `GET .../vncwebsocket` with that port and the VNC ticket connects to it.
 */
export class TerminalSessions {
  private readonly sessions = new Map<number, TermSession>();
  private readonly key = randomBytes(32);
  private nextPort = FIRST_PORT;

  constructor(private readonly nowSec: () => number) {}

  /** PVE::AccessControl::assemble_vnc_ticket: 'PVEVNC:<hex time>::<signature>' over user, path, port. */
  ticket(user: string, path: string, port: number): string {
    const stamp = Math.floor(this.nowSec()).toString(16).toUpperCase().padStart(8, '0');
    return `PVEVNC:${stamp}::${this.sign(stamp, user, path, port)}`;
  }

  verify(ticket: string, user: string, path: string, port: number): boolean {
    const m = /^(?:.{8}:)?PVEVNC:([0-9A-F]{8})::(.+)$/.exec(ticket);
    if (!m) return false;
    const age = this.nowSec() - parseInt(m[1], 16);
    if (age < TICKET_MIN_AGE || age > TICKET_MAX_AGE) return false;
    const want = Buffer.from(this.sign(m[1], user, path, port));
    const got = Buffer.from(m[2]);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  private sign(stamp: string, user: string, path: string, port: number): string {
    return createHmac('sha256', this.key)
      .update(`PVEVNC:${stamp}:${user}:${path}:${port}`)
      .digest('base64url');
  }

  open(s: Omit<TermSession, 'port' | 'timer' | 'connected' | 'ticket'>, path: string): TermSession {
    let port = this.nextPort;
    while (this.sessions.has(port)) port = port >= LAST_PORT ? FIRST_PORT : port + 1;
    this.nextPort = port >= LAST_PORT ? FIRST_PORT : port + 1;
    const session: TermSession = {
      ...s,
      port,
      ticket: this.ticket(s.user, path, port),
      connected: false,
      timer: setTimeout(() => this.close(port, 'timeout waiting for client'), CONNECT_TIMEOUT_MS),
    };
    session.timer.unref();
    this.sessions.set(port, session);
    return session;
  }

  get(port: number): TermSession | undefined {
    return this.sessions.get(port);
  }

  close(port: number, error?: string): void {
    const s = this.sessions.get(port);
    if (!s) return;
    clearTimeout(s.timer);
    this.sessions.delete(port);
    s.end(error);
    if (s.ws && s.ws.readyState === s.ws.OPEN) s.ws.close(1000);
  }

  clear(): void {
    for (const port of [...this.sessions.keys()]) this.close(port, 'interrupted by signal');
  }
}

/**
 * POST /nodes/{node}/lxc/{vmid}/termproxy (pve-container API2/LXC.pm termproxy): a VNC ticket
 * for the caller on /vms/{vmid} and port, and a `vncproxy` worker that runs termproxy until the
 * connection ends. The console is a SIMULATED shell (see SimShell), never a process on this host.
 */
export const termproxy: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const node = nodeOf(ctx.sim.cluster, g);
  const user = principalName(ctx.principal);
  const { task, end } = ctx.sim.tasks.startOpen({
    node: g.node,
    type: 'vncproxy',
    id: String(g.vmid),
    user,
    nodeBootAt: node.bootAt,
    log: [],
  });
  const session = ctx.sim.terminals.open(
    { node: g.node, vmid: g.vmid, user, end },
    `/vms/${g.vmid}`,
  );
  return { user, ticket: session.ticket, port: session.port, upid: task.upid };
};

/**
 * GET /nodes/{node}/lxc/{vmid}/vncwebsocket (LXC.pm vncwebsocket): checks the VNC ticket for the
 * caller, /vms/{vmid} and the port, answers {port}; with an upgrade request pve-http-server then
 * proxies the websocket to termproxy on that port (binary frames to the client).
 */
export const vncWebsocket: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const port = Number(ctx.values.port);
  const user = principalName(ctx.principal);
  const ok = ctx.sim.terminals.verify(String(ctx.values.vncticket), user, `/vms/${g.vmid}`, port);
  if (!ok) throw new PveError(401, 'permission denied - invalid PVEVNC ticket');
  return new WebSocketAccept({ port: String(port) }, (ws) => {
    const session = ctx.sim.terminals.get(port);
    if (!session || session.connected || session.vmid !== g.vmid) {
      ws.close(1011, 'connect failed');
      return;
    }
    session.connected = true;
    session.ws = ws;
    clearTimeout(session.timer);
    runTermproxy(ws, session, ctx.sim.cluster, ctx.sim.terminals, ctx.sim.nowSec);
  });
};

/**
 * termproxy's side of the protocol: the first message is '<user>:<ticket>\n' (answered 'OK'),
 * then '0:<len>:<data>' input, '1:<cols>:<rows>:' resize, '2' keep-alive; output is raw bytes.
 */
function runTermproxy(
  ws: WebSocket,
  session: TermSession,
  cluster: Cluster,
  terminals: TerminalSessions,
  nowSec: () => number,
): void {
  let authed = false;
  let buffer = '';
  let shell: SimShell | undefined;
  const send = (text: string): void => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.from(text, 'utf8'), { binary: true });
  };
  const finish = (error?: string): void => terminals.close(session.port, error);
  ws.on('close', () => terminals.close(session.port));
  ws.on('message', (data: Buffer) => {
    buffer += data.toString('utf8');
    if (!authed) {
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      const [user, ...rest] = buffer.slice(0, nl).split(':');
      buffer = buffer.slice(nl + 1);
      const ticket = rest.join(':');
      if (
        user !== session.user ||
        !terminals.verify(ticket, user, `/vms/${session.vmid}`, session.port)
      ) {
        finish('authentication failed');
        return;
      }
      authed = true;
      send('OK');
      const g = cluster.guests.get(session.vmid);
      if (!g || g.status !== 'running') {
        finish(`CT ${session.vmid} not running`);
        return;
      }
      shell = new SimShell(g, cluster, nowSec, send, () => finish());
      shell.start();
    }
    // parse as many complete messages as the buffer holds
    for (;;) {
      if (buffer.length === 0) return;
      const type = buffer[0];
      if (type === '2') {
        buffer = buffer.slice(1);
        continue;
      }
      if (type === '1') {
        const m = /^1:(\d+):(\d+):/.exec(buffer);
        if (!m) return;
        shell?.resize(Number(m[1]), Number(m[2]));
        buffer = buffer.slice(m[0].length);
        continue;
      }
      if (type === '0') {
        const m = /^0:(\d+):/.exec(buffer);
        if (!m) return;
        const len = Number(m[1]);
        const bytes = Buffer.from(buffer.slice(m[0].length), 'utf8');
        if (bytes.length < len) return;
        const payload = bytes.subarray(0, len).toString('utf8');
        buffer = bytes.subarray(len).toString('utf8');
        shell?.input(payload);
        continue;
      }
      // not the protocol: termproxy drops the connection
      finish('protocol error');
      return;
    }
  });
}

/**
 * A tiny SIMULATED root shell of a CT for demos and tests: it knows `hostname`, `uptime`, `ip a`,
 * `whoami`, `clear`, `exit`, and answers 'command not found' otherwise. It never runs anything.
 */
export class SimShell {
  private line = '';
  private cols = 80;
  private rows = 24;

  constructor(
    private readonly g: Guest,
    private readonly cluster: Cluster,
    private readonly nowSec: () => number,
    private readonly out: (text: string) => void,
    private readonly exit: () => void,
  ) {}

  private get prompt(): string {
    return `root@${guestName(this.g)}:~# `;
  }

  start(): void {
    this.out(`\r\nConnected to CT ${this.g.vmid} (pve-sim simulated shell)\r\n\r\n${this.prompt}`);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
  }

  input(data: string): void {
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') {
        this.out('\r\n');
        const cmd = this.line.trim();
        this.line = '';
        if (this.run(cmd)) this.out(this.prompt);
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.out('\b \b');
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.out(`^C\r\n${this.prompt}`);
      } else if (ch === '\x04') {
        if (this.line === '') {
          this.out('logout\r\n');
          this.exit();
          return;
        }
      } else if (ch >= ' ') {
        this.line += ch;
        this.out(ch);
      }
    }
  }

  /** false when the shell ended. */
  private run(cmd: string): boolean {
    const [name, ...args] = cmd.split(/\s+/);
    switch (name) {
      case '':
        return true;
      case 'hostname':
        this.out(`${guestName(this.g)}\r\n`);
        return true;
      case 'whoami':
        this.out('root\r\n');
        return true;
      case 'uptime':
        this.out(`${this.uptime()}\r\n`);
        return true;
      case 'ip':
        if (['a', 'addr', 'address'].includes(args[0] ?? '')) this.out(this.ipAddr());
        else this.out('Usage: ip a (pve-sim knows only this one)\r\n');
        return true;
      case 'clear':
        this.out('\x1b[H\x1b[2J');
        return true;
      case 'stty':
        if (args[0] === 'size') this.out(`${this.rows} ${this.cols}\r\n`);
        return true;
      case 'exit':
      case 'logout':
        this.out('logout\r\n');
        this.exit();
        return false;
      default:
        this.out(`-bash: ${name}: command not found\r\n`);
        return true;
    }
  }

  private uptime(): string {
    const now = this.nowSec();
    const node = this.cluster.nodes.get(this.g.node);
    const up = Math.max(0, Math.floor(now - this.g.bootAt));
    const d = Math.floor(up / 86400);
    const h = Math.floor((up % 86400) / 3600);
    const m = Math.floor((up % 3600) / 60);
    const clock = new Date(now * 1000).toISOString().slice(11, 19);
    const cpu = node ? sampleGuest(this.g, node, now).cpu : 0;
    const load = (cpu * 2).toFixed(2);
    const span =
      d > 0
        ? `${d} day${d > 1 ? 's' : ''}, ${h}:${String(m).padStart(2, '0')}`
        : `${h}:${String(m).padStart(2, '0')}`;
    return ` ${clock} up ${span},  0 users,  load average: ${load}, ${load}, ${load}`;
  }

  private ipAddr(): string {
    const lines = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
    ];
    let index = 2;
    for (const [key, value] of Object.entries(this.g.config)) {
      if (!/^net\d+$/.test(key)) continue;
      const opts = Object.fromEntries(
        String(value)
          .split(',')
          .map((p) => p.split('=') as [string, string]),
      );
      const name = opts.name ?? `eth${key.slice(3)}`;
      const mac = String(opts.hwaddr ?? '').toLowerCase();
      const inet = opts.ip === 'dhcp' ? dhcpAddress(this.g.vmid) : opts.ip;
      lines.push(
        `${index}: ${name}@if${40 + index}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000`,
        `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
      );
      if (inet && inet.includes('/'))
        lines.push(
          `    inet ${inet} scope global ${name}`,
          '       valid_lft forever preferred_lft forever',
        );
      index++;
    }
    return lines.map((l) => `${l}\r\n`).join('');
  }
}
