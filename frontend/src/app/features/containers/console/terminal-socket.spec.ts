import { FakeSocket } from './console.fakes';
import { TerminalSocket, resizeFrame, terminalUrl } from './terminal-socket';

function events() {
  return { opened: vi.fn(), data: vi.fn(), ended: vi.fn() };
}

describe('terminalUrl', () => {
  it('resolves against the base href and swaps http for ws', () => {
    expect(terminalUrl(101, 'http://console.lan:8080/')).toBe(
      'ws://console.lan:8080/api/containers/101/terminal',
    );
  });

  it('keeps a path prefix and uses wss on https', () => {
    expect(terminalUrl(7, 'https://proxy.example/proxicloud/containers/7')).toBe(
      'wss://proxy.example/proxicloud/containers/api/containers/7/terminal',
    );
    expect(terminalUrl(7, 'https://proxy.example/proxicloud/')).toBe(
      'wss://proxy.example/proxicloud/api/containers/7/terminal',
    );
  });
});

describe('TerminalSocket', () => {
  it('sends keystrokes as binary frames, even text that looks like a resize frame', () => {
    const ws = new FakeSocket();
    const socket = new TerminalSocket(ws, events());
    ws.serverOpens();
    socket.input('ls\r');
    socket.input(resizeFrame(1, 1));
    expect(ws.sent.every((f) => typeof f !== 'string')).toBe(true);
    expect(ws.typed()).toBe(`ls\r${resizeFrame(1, 1)}`);
  });

  it('sends a resize as the JSON text frame the backend reads', () => {
    const ws = new FakeSocket();
    const socket = new TerminalSocket(ws, events());
    ws.serverOpens();
    socket.resize(120, 40);
    expect(ws.sent).toEqual(['{"type":"resize","cols":120,"rows":40}']);
  });

  it('sends nothing before the socket is open', () => {
    const ws = new FakeSocket();
    const socket = new TerminalSocket(ws, events());
    socket.input('x');
    socket.resize(80, 24);
    expect(ws.sent).toEqual([]);
  });

  it('hands binary and text frames to the terminal', () => {
    const ws = new FakeSocket();
    const ev = events();
    new TerminalSocket(ws, ev);
    expect(ws.binaryType).toBe('arraybuffer');
    ws.serverOpens();
    ws.serverSends(new TextEncoder().encode('root@web:~# ').buffer);
    ws.serverSends('text');
    expect(new TextDecoder().decode(ev.data.mock.calls[0][0] as Uint8Array)).toBe('root@web:~# ');
    expect(ev.data.mock.calls[1][0]).toBe('text');
  });

  it('calls a close before the socket ever opened a refusal', () => {
    const ws = new FakeSocket();
    const ev = events();
    new TerminalSocket(ws, ev);
    ws.serverCloses(1006);
    expect(ev.ended).toHaveBeenCalledWith({ kind: 'refused' });
  });

  it('reports how an open session ended, once', () => {
    const ws = new FakeSocket();
    const ev = events();
    new TerminalSocket(ws, ev);
    ws.serverOpens();
    ws.serverCloses(1000, 'terminal closed');
    ws.serverCloses(1006);
    expect(ev.ended).toHaveBeenCalledTimes(1);
    expect(ev.ended).toHaveBeenCalledWith({ kind: 'ended', code: 1000, reason: 'terminal closed' });
  });

  it('closes quietly when the user closes it', () => {
    const ws = new FakeSocket();
    const ev = events();
    const socket = new TerminalSocket(ws, ev);
    ws.serverOpens();
    socket.close();
    expect(ws.closedWith).toEqual([1000, 'closed by the user']);
    expect(ev.ended).not.toHaveBeenCalled();
  });

  it('sends raw terminal bytes one byte per char', () => {
    const ws = new FakeSocket();
    const socket = new TerminalSocket(ws, events());
    ws.serverOpens();
    socket.binary('\x1b[M \xff');
    expect([...(ws.sent[0] as Uint8Array)]).toEqual([0x1b, 0x5b, 0x4d, 0x20, 0xff]);
  });
});
