import { InjectionToken } from '@angular/core';

/** The part of a browser WebSocket the console uses; tests provide a fake. */
export interface SocketLike {
  binaryType: BinaryType;
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string | ArrayBufferLike | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
}

export const SOCKET_OPEN = 1;

/** Opens a WebSocket; a token so unit tests can talk to a fake server. */
export const OPEN_SOCKET = new InjectionToken<(url: string) => SocketLike>('OPEN_SOCKET', {
  providedIn: 'root',
  factory: () => (url) => new WebSocket(url),
});

/**
 * The terminal's WebSocket address, resolved against the page's <base href> so a console served
 * under a path prefix (behind a proxy) still reaches its own API; ws: or wss: as the page.
 */
export function terminalUrl(vmid: number, baseUri: string): string {
  const url = new URL(`api/containers/${vmid}/terminal`, baseUri);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** The resize frame the backend expects (backend/src/terminal/terminal.gateway.ts parseResize). */
export function resizeFrame(cols: number, rows: number): string {
  return JSON.stringify({ type: 'resize', cols, rows });
}

export type SocketEnd =
  | { readonly kind: 'refused' }
  | { readonly kind: 'ended'; readonly code: number; readonly reason: string };

export interface TerminalSocketEvents {
  opened(): void;
  data(bytes: Uint8Array | string): void;
  ended(end: SocketEnd): void;
}

/**
 * One terminal session over the console's WebSocket. Keystrokes go as binary frames, so typed or
 * pasted text that looks like a resize frame is never read as one; resizes go as JSON text
 * frames. A socket that closes before it ever opened was refused during the HTTP upgrade (the
 * browser hides the status, so the caller explains from what it knows).
 */
export class TerminalSocket {
  private readonly encoder = new TextEncoder();
  private opened = false;
  private finished = false;

  constructor(
    private readonly socket: SocketLike,
    private readonly events: TerminalSocketEvents,
  ) {
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.opened = true;
      events.opened();
    };
    socket.onmessage = (event: MessageEvent) => {
      const data = event.data as string | ArrayBuffer;
      events.data(typeof data === 'string' ? data : new Uint8Array(data));
    };
    socket.onclose = (event: CloseEvent) => this.end(event.code, event.reason);
    socket.onerror = () => undefined;
  }

  input(text: string): void {
    this.sendBinary(this.encoder.encode(text));
  }

  /** Raw bytes from the terminal (e.g. mouse reports), each char one byte. */
  binary(text: string): void {
    this.sendBinary(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff));
  }

  resize(cols: number, rows: number): void {
    if (this.socket.readyState === SOCKET_OPEN) this.socket.send(resizeFrame(cols, rows));
  }

  close(): void {
    this.finished = true;
    this.socket.onclose = null;
    this.socket.close(1000, 'closed by the user');
  }

  private sendBinary(bytes: Uint8Array): void {
    if (this.socket.readyState === SOCKET_OPEN) this.socket.send(bytes);
  }

  private end(code: number, reason: string): void {
    if (this.finished) return;
    this.finished = true;
    this.events.ended(this.opened ? { kind: 'ended', code, reason } : { kind: 'refused' });
  }
}
