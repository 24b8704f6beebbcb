import type WebSocket from 'ws';
import { ProxmoxError } from './proxmox.errors.js';

/** termproxy's keep-alive cadence in PVE's xterm.js client (pve-xtermjs main.js: 30 s). */
export const TERMPROXY_PING_MS = 30_000;
const AUTH_TIMEOUT_MS = 10_000;

/** The answer of POST /nodes/{node}/lxc/{vmid}/termproxy. */
export interface TermProxyTicket {
  user: string;
  ticket: string;
  port: number;
  upid: string;
}

/**
 * A terminal on a container through PVE's termproxy (proxied by vncwebsocket). Its protocol: the
 * client's first message is '<user>:<ticket>\n' and termproxy answers 'OK'; then '0:<len>:<data>'
 * carries keystrokes, '1:<cols>:<rows>:' a resize, '2' a keep-alive; output arrives as raw bytes.
 */
export class TermProxySession {
  private readonly ping: NodeJS.Timeout;

  private constructor(private readonly ws: WebSocket) {
    this.ping = setInterval(() => this.send('2'), TERMPROXY_PING_MS);
    this.ping.unref();
    ws.on('close', () => clearInterval(this.ping));
  }

  /** Authenticates on an open vncwebsocket; resolves with the session and any output after 'OK'. */
  static handshake(
    ws: WebSocket,
    proxy: TermProxyTicket,
  ): Promise<{ session: TermProxySession; rest: Buffer }> {
    return new Promise((resolve, reject) => {
      const fail = (why: string): void => {
        clearTimeout(timer);
        ws.terminate();
        reject(new ProxmoxError('upstream', `termproxy: ${why}`));
      };
      const timer = setTimeout(() => fail('no answer to the ticket'), AUTH_TIMEOUT_MS);
      ws.once('message', (data: Buffer) => {
        clearTimeout(timer);
        const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (bytes.subarray(0, 2).toString('latin1') !== 'OK') return fail('ticket refused');
        resolve({ session: new TermProxySession(ws), rest: bytes.subarray(2) });
      });
      ws.once('close', () => fail('closed before it answered'));
      ws.send(`${proxy.user}:${proxy.ticket}\n`);
    });
  }

  /** Keystrokes (or pasted text), as termproxy's data message with the byte length. */
  write(data: Buffer | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.send(Buffer.concat([Buffer.from(`0:${bytes.length}:`), bytes]));
  }

  resize(cols: number, rows: number): void {
    this.send(`1:${cols}:${rows}:`);
  }

  onData(listener: (data: Buffer) => void): void {
    this.ws.on('message', (data: Buffer) => listener(data));
  }

  onClose(listener: () => void): void {
    this.ws.on('close', listener);
  }

  close(): void {
    clearInterval(this.ping);
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close();
  }

  private send(data: Buffer | string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data);
  }
}
