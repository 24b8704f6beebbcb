import { SOCKET_OPEN, SocketLike } from './terminal-socket';

/** A WebSocket whose server side the test plays. */
export class FakeSocket implements SocketLike {
  binaryType: BinaryType = 'blob';
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: (string | Uint8Array)[] = [];
  closedWith: [number?, string?] | null = null;

  constructor(readonly url = '') {}

  send(data: string | ArrayBufferLike | ArrayBufferView): void {
    this.sent.push(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
  }
  serverOpens(): void {
    this.readyState = SOCKET_OPEN;
    this.onopen?.(new Event('open'));
  }
  serverSends(data: string | ArrayBuffer): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  serverCloses(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code, reason }));
  }
  /** What was typed: the binary frames decoded. */
  typed(): string {
    const decoder = new TextDecoder();
    return this.sent
      .filter((f): f is Uint8Array => typeof f !== 'string')
      .map((f) => decoder.decode(f))
      .join('');
  }
}
