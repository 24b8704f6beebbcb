import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { PermissionsService, StatusService } from '../../../api/services';
import { provideSignedIn, signIn } from '../../../core/auth/auth.testing';
import { Role } from '../../../core/auth/roles';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { ContainerConsoleComponent } from './container-console.component';
import { ConsoleTarget } from './console-access';
import { OPEN_SOCKET } from './terminal-socket';
import { FakeSocket } from './console.fakes';
import { OPEN_TERMINAL_VIEW, TerminalView } from './terminal-view';

class FakeView implements TerminalView {
  cols = 100;
  rows = 30;
  written: string[] = [];
  pasted: string[] = [];
  selected = '';
  input: (text: string) => void = () => undefined;
  resized: (size: { cols: number; rows: number }) => void = () => undefined;
  key: (event: KeyboardEvent) => boolean = () => true;
  disposed = false;
  write(data: string | Uint8Array): void {
    this.written.push(typeof data === 'string' ? data : new TextDecoder().decode(data));
  }
  onInput(listener: (text: string) => void): void {
    this.input = listener;
  }
  onBinary(): void {}
  onResize(listener: (size: { cols: number; rows: number }) => void): void {
    this.resized = listener;
  }
  onKey(handler: (event: KeyboardEvent) => boolean): void {
    this.key = handler;
  }
  fit(): void {}
  focus(): void {}
  selection(): string {
    return this.selected;
  }
  paste(text: string): void {
    this.pasted.push(text);
  }
  reset(): void {
    this.written = [];
  }
  dispose(): void {
    this.disposed = true;
  }
}

const RUNNING: ConsoleTarget = { vmid: 101, name: 'web-1', status: 'running' };

function setup(options: { role?: Role; lacksConsole?: boolean; writable?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const view = new FakeView();
  const features = options.lacksConsole
    ? [
        {
          feature: 'console',
          available: false,
          partial: false,
          missing: [{ privilege: 'VM.Console', path: '/vms', grantedOn: [] }],
        },
      ]
    : [];
  TestBed.configureTestingModule({
    providers: [
      ...provideSignedIn(options.role ?? 'operator'),
      {
        provide: PermissionsService,
        useValue: { getPermissionReport: () => of({ checkedAt: '', tokenId: 't', features }) },
      },
      {
        provide: StatusService,
        useValue: {
          getConnectionStatus: () =>
            of({ state: 'online', mode: 'demo', writable: options.writable ?? true }),
        },
      },
      {
        provide: OPEN_SOCKET,
        useValue: (url: string) => {
          const socket = new FakeSocket(url);
          sockets.push(socket);
          return socket;
        },
      },
      { provide: OPEN_TERMINAL_VIEW, useValue: () => Promise.resolve(view) },
    ],
  });
  return { sockets, view };
}

async function render(container: ConsoleTarget = RUNNING) {
  await signIn();
  await TestBed.inject(ConnectionStore).refresh();
  const fixture = TestBed.createComponent(ContainerConsoleComponent);
  fixture.componentRef.setInput('container', container);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      b.textContent?.includes(text),
    )!;
  return { fixture, el, button };
}

describe('ContainerConsoleComponent', () => {
  it('opens the terminal WebSocket of a running container and sizes it once connected', async () => {
    const { sockets, view } = setup();
    const { fixture, el } = await render();
    expect(sockets.map((s) => s.url)).toEqual([
      new URL('api/containers/101/terminal', document.baseURI).toString().replace(/^http/, 'ws'),
    ]);
    sockets[0].serverOpens();
    await fixture.whenStable();
    expect(sockets[0].sent).toEqual(['{"type":"resize","cols":100,"rows":30}']);
    expect(el.querySelector('[role=status]')?.textContent).toContain('Connected');

    sockets[0].serverSends(new TextEncoder().encode('root@web-1:~# ').buffer);
    expect(view.written.join('')).toBe('root@web-1:~# ');
    view.input('hostname\r');
    expect(sockets[0].typed()).toBe('hostname\r');
    view.resized({ cols: 90, rows: 20 });
    expect(sockets[0].sent.at(-1)).toBe('{"type":"resize","cols":90,"rows":20}');
  });

  it('tells a viewer the console needs the operator role, and opens nothing', async () => {
    const { sockets } = setup({ role: 'viewer' });
    const { el } = await render();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'Opening a console needs the operator role; you are signed in as viewer',
    );
    expect(sockets).toEqual([]);
  });

  it('tells the user a stopped container must be started first', async () => {
    const { sockets } = setup();
    const { el } = await render({ ...RUNNING, status: 'stopped' });
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'web-1 is stopped. Start it to open a console.',
    );
    expect(sockets).toEqual([]);
  });

  it('says the Proxmox token lacks VM.Console', async () => {
    const { sockets } = setup({ lacksConsole: true });
    const { el } = await render();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'The Proxmox token lacks VM.Console on /vms',
    );
    expect(sockets).toEqual([]);
  });

  it('closes the session when the container stops, and reconnects when it runs again', async () => {
    const { sockets } = setup();
    const { fixture } = await render();
    sockets[0].serverOpens();
    fixture.componentRef.setInput('container', { ...RUNNING, status: 'stopped' });
    await fixture.whenStable();
    expect(sockets[0].closedWith).not.toBeNull();
    fixture.componentRef.setInput('container', RUNNING);
    await fixture.whenStable();
    expect(sockets.length).toBe(2);
  });

  it('says the session ended and opens a new one on Reconnect', async () => {
    const { sockets } = setup();
    const { fixture, el, button } = await render();
    sockets[0].serverOpens();
    sockets[0].serverCloses(1000, 'terminal closed');
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('The session ended');
    button('Reconnect').click();
    await fixture.whenStable();
    expect(sockets.length).toBe(2);
    sockets[1].serverOpens();
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).toBeNull();
  });

  it('explains a refused upgrade', async () => {
    const { sockets } = setup();
    const { fixture, el } = await render();
    sockets[0].serverCloses(1006);
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'The console server refused the terminal for CT 101',
    );
  });

  it('copies the selection and pastes the clipboard into the shell', async () => {
    const { sockets, view } = setup();
    const clipboard = { writeText: vi.fn(() => Promise.resolve()), readText: vi.fn() };
    clipboard.readText.mockResolvedValue('uptime\r');
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    const { fixture, button } = await render();
    sockets[0].serverOpens();
    await fixture.whenStable();
    view.selected = 'web-1';
    button('Copy').click();
    await fixture.whenStable();
    expect(clipboard.writeText).toHaveBeenCalledWith('web-1');
    button('Paste').click();
    await fixture.whenStable();
    expect(view.pasted).toEqual(['uptime\r']);

    const ctrlShiftC = new KeyboardEvent('keydown', { key: 'C', ctrlKey: true, shiftKey: true });
    expect(view.key(ctrlShiftC)).toBe(false);
    expect(clipboard.writeText).toHaveBeenCalledTimes(2);
    expect(view.key(new KeyboardEvent('keydown', { key: 'c', ctrlKey: true }))).toBe(true);
  });

  it('pops the console out into its own window', async () => {
    setup();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { button } = await render();
    button('Open in new window').click();
    expect(open).toHaveBeenCalledWith(
      new URL('containers/101/console', document.baseURI).toString(),
      'pc-console-101',
      'popup,width=960,height=640',
    );
  });

  it('closes the socket and disposes the terminal when it goes away', async () => {
    const { sockets, view } = setup();
    const { fixture } = await render();
    sockets[0].serverOpens();
    fixture.destroy();
    expect(sockets[0].closedWith).toEqual([1000, 'closed by the user']);
    expect(view.disposed).toBe(true);
  });
});
