import { InjectionToken } from '@angular/core';

/** What the console component needs from a terminal emulator; xterm.js in the app, a fake in tests. */
export interface TerminalView {
  readonly cols: number;
  readonly rows: number;
  write(data: string | Uint8Array): void;
  /** Typed or pasted text. */
  onInput(listener: (text: string) => void): void;
  /** Raw bytes the emulator generates (e.g. some mouse reports), one char per byte. */
  onBinary(listener: (text: string) => void): void;
  onResize(listener: (size: { cols: number; rows: number }) => void): void;
  /** Handles a key before the emulator; return false to keep it from the terminal. */
  onKey(handler: (event: KeyboardEvent) => boolean): void;
  /** Sizes the grid to its element. */
  fit(): void;
  focus(): void;
  selection(): string;
  paste(text: string): void;
  reset(): void;
  dispose(): void;
}

export interface TerminalLook {
  readonly background: string;
  readonly foreground: string;
  readonly cursor: string;
  readonly selection: string;
  readonly fontFamily: string;
}

export type OpenTerminalView = (host: HTMLElement, look: TerminalLook) => Promise<TerminalView>;

/**
 * xterm.js and its fit addon load on first use only (dynamic import, their own chunk), and so
 * does its stylesheet (angular.json builds it as the non-injected `xterm.css`): the first load
 * of the console never carries them.
 */
export const OPEN_TERMINAL_VIEW = new InjectionToken<OpenTerminalView>('OPEN_TERMINAL_VIEW', {
  providedIn: 'root',
  factory: () => openXtermView,
});

async function openXtermView(host: HTMLElement, look: TerminalLook): Promise<TerminalView> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    loadStylesheet(host.ownerDocument, XTERM_CSS),
  ]);
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: look.fontFamily,
    fontSize: 14,
    scrollback: 5000,
    theme: {
      background: look.background,
      foreground: look.foreground,
      cursor: look.cursor,
      selectionBackground: look.selection,
    },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  return {
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    write: (data) => term.write(data),
    onInput: (listener) => void term.onData(listener),
    onBinary: (listener) => void term.onBinary(listener),
    onResize: (listener) => void term.onResize(listener),
    onKey: (handler) => term.attachCustomKeyEventHandler(handler),
    fit: () => fit.fit(),
    focus: () => term.focus(),
    selection: () => term.getSelection(),
    paste: (text) => term.paste(text),
    reset: () => term.reset(),
    dispose: () => term.dispose(),
  };
}

export const XTERM_CSS = 'xterm.css';

/** Adds a stylesheet (relative to <base href>) once; resolves when it applied or failed. */
export function loadStylesheet(doc: Document, href: string): Promise<void> {
  const id = `pc-css-${href.replace(/\W/g, '-')}`;
  const existing = doc.getElementById(id);
  if (existing) return Promise.resolve();
  const link = doc.createElement('link');
  link.id = id;
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise<void>((resolve) => {
    link.onload = () => resolve();
    link.onerror = () => resolve();
  });
  doc.head.append(link);
  return loaded;
}

/** The theme's tokens as the emulator's colours, so the terminal follows the console's theme. */
export function terminalLook(style: CSSStyleDeclaration): TerminalLook {
  const token = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    background: token('--mat-sys-surface-container-lowest', 'black'),
    foreground: token('--mat-sys-on-surface', 'white'),
    cursor: token('--mat-sys-primary', 'white'),
    selection: token('--mat-sys-secondary-container', 'gray'),
    fontFamily: token('--pc-font-mono', 'monospace'),
  };
}

/**
 * Terminal copy/paste keys: Ctrl+Shift+C copies the selection; Ctrl+Shift+V and Shift+Insert
 * are left to the browser, whose paste event the emulator reads. Plain Ctrl+C stays ^C.
 */
export function clipboardKey(event: KeyboardEvent): 'copy' | 'paste' | null {
  if (event.type !== 'keydown') return null;
  const key = event.key.toLowerCase();
  if (event.ctrlKey && event.shiftKey && key === 'c') return 'copy';
  if (event.ctrlKey && event.shiftKey && key === 'v') return 'paste';
  if (event.shiftKey && !event.ctrlKey && key === 'insert') return 'paste';
  if (event.ctrlKey && !event.shiftKey && key === 'insert') return 'copy';
  return null;
}
