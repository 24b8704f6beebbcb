import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { AuthStore } from '../../../core/auth/auth.store';
import { PermissionsStore, findFeature } from '../../../core/auth/permissions.store';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { ConsoleTarget, consoleBlocker, refusedMessage } from './console-access';
import { OPEN_SOCKET, SocketEnd, TerminalSocket, terminalUrl } from './terminal-socket';
import { OPEN_TERMINAL_VIEW, TerminalView, clipboardKey, terminalLook } from './terminal-view';

type Phase = 'idle' | 'loading' | 'connecting' | 'open' | 'ended';

const PHASE_TEXT: Record<Phase, string> = {
  idle: 'Not connected',
  loading: 'Loading the terminal…',
  connecting: 'Connecting…',
  open: 'Connected',
  ended: 'Disconnected',
};

/**
 * A shell in a running container (PVE termproxy through the console's WebSocket). It connects
 * once it may and says plainly why not otherwise: role, a stopped container, Proxmox away, the
 * token without VM.Console.
 */
@Component({
  selector: 'pc-container-console',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  templateUrl: './container-console.component.html',
  styleUrl: './container-console.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerConsoleComponent {
  private readonly auth = inject(AuthStore);
  private readonly permissions = inject(PermissionsStore);
  private readonly connection = inject(ConnectionStore);
  private readonly openSocket = inject(OPEN_SOCKET);
  private readonly openView = inject(OPEN_TERMINAL_VIEW);
  private readonly doc = inject(DOCUMENT);

  readonly container = input.required<ConsoleTarget>();
  /** Offer "Open in new window" (not in the pop-out itself). */
  readonly popOut = input(true);

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('screen');
  private readonly rendered = signal(false);
  private view: TerminalView | null = null;
  private socket: TerminalSocket | null = null;
  private resizeObserver: ResizeObserver | null = null;

  protected readonly phase = signal<Phase>('idle');
  /** Why the last session ended, when it did not end by the user's choice. */
  protected readonly problem = signal<string | null>(null);
  protected readonly note = signal<string | null>(null);
  private readonly feature = computed(() => findFeature(this.permissions.report(), 'console'));
  protected readonly blocker = computed(() =>
    consoleBlocker(this.container(), {
      role: this.auth.role(),
      feature: this.feature(),
      writable: this.connection.writable(),
    }),
  );
  protected readonly phaseText = computed(() => PHASE_TEXT[this.phase()]);
  protected readonly busy = computed(() => ['loading', 'connecting'].includes(this.phase()));

  constructor() {
    this.permissions.ensureLoaded();
    afterNextRender(() => this.rendered.set(true));
    effect(() => {
      const blocked = !!this.blocker();
      if (!this.rendered()) return;
      untracked(() => {
        if (blocked) this.disconnect();
        else if (this.phase() === 'idle') void this.connect();
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.disconnect();
      this.resizeObserver?.disconnect();
      this.view?.dispose();
    });
  }

  /** Opens a fresh session, replacing any current one. */
  async reconnect(): Promise<void> {
    this.disconnect();
    await this.connect();
  }

  async copy(): Promise<void> {
    const text = this.view?.selection() ?? '';
    if (!text) return this.say('Select text in the terminal first, then copy.');
    try {
      await navigator.clipboard.writeText(text);
      this.say('Copied.');
    } catch {
      // Without the clipboard API (plain http): the emulator answers the browser's copy command.
      this.say(this.doc.execCommand('copy') ? 'Copied.' : 'Copy with Ctrl+Shift+C instead.');
    }
  }

  async paste(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      if (text) this.view?.paste(text);
      this.view?.focus();
    } catch {
      this.say('The browser does not let this page read the clipboard: paste with Ctrl+Shift+V.');
    }
  }

  openWindow(): void {
    const { vmid } = this.container();
    const url = new URL(`containers/${vmid}/console`, this.doc.baseURI).toString();
    this.doc.defaultView?.open(url, `pc-console-${vmid}`, 'popup,width=960,height=640');
  }

  private async connect(): Promise<void> {
    if (this.blocker() || this.busy()) return;
    this.problem.set(null);
    this.phase.set('loading');
    const view = await this.ensureView();
    if (this.blocker() || this.phase() !== 'loading') return;
    view.reset();
    this.phase.set('connecting');
    const { vmid } = this.container();
    const socket: TerminalSocket = new TerminalSocket(
      this.openSocket(terminalUrl(vmid, this.doc.baseURI)),
      {
        opened: () => {
          this.phase.set('open');
          view.fit();
          socket.resize(view.cols, view.rows);
          view.focus();
        },
        data: (bytes) => view.write(bytes),
        ended: (end) => this.ended(socket, end),
      },
    );
    this.socket = socket;
  }

  private ended(socket: TerminalSocket, end: SocketEnd): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.phase.set('ended');
    this.problem.set(this.endMessage(end));
  }

  private endMessage(end: SocketEnd): string {
    if (end.kind === 'refused') return refusedMessage(this.container(), this.feature());
    if (end.code === 1000)
      return 'The session ended: the shell exited or the container stopped. Reconnect for a new one.';
    return 'The connection to the console server was lost. Reconnect to open a new session.';
  }

  private disconnect(): void {
    this.socket?.close();
    this.socket = null;
    if (this.phase() !== 'idle') this.phase.set(this.blocker() ? 'idle' : 'ended');
  }

  private async ensureView(): Promise<TerminalView> {
    if (this.view) return this.view;
    const el = this.host().nativeElement;
    const view = await this.openView(el, terminalLook(getComputedStyle(el)));
    view.onInput((text) => this.socket?.input(text));
    view.onBinary((text) => this.socket?.binary(text));
    view.onResize(({ cols, rows }) => this.socket?.resize(cols, rows));
    view.onKey((event) => this.onKey(event));
    this.resizeObserver = new ResizeObserver(() => view.fit());
    this.resizeObserver.observe(el);
    view.fit();
    this.view = view;
    return view;
  }

  /** Copy/paste keys are the console's, everything else goes to the shell. */
  private onKey(event: KeyboardEvent): boolean {
    const action = clipboardKey(event);
    if (action === 'copy') {
      event.preventDefault();
      void this.copy();
      return false;
    }
    return action !== 'paste';
  }

  private say(text: string): void {
    this.note.set(text);
  }
}
