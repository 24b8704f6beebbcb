import { clipboardKey, loadStylesheet, terminalLook } from './terminal-view';

function key(init: KeyboardEventInit, type = 'keydown'): KeyboardEvent {
  return new KeyboardEvent(type, init);
}

describe('clipboardKey', () => {
  it('copies on Ctrl+Shift+C and Ctrl+Insert, leaves Ctrl+C to the shell', () => {
    expect(clipboardKey(key({ key: 'C', ctrlKey: true, shiftKey: true }))).toBe('copy');
    expect(clipboardKey(key({ key: 'Insert', ctrlKey: true }))).toBe('copy');
    expect(clipboardKey(key({ key: 'c', ctrlKey: true }))).toBeNull();
  });

  it('pastes on Ctrl+Shift+V and Shift+Insert, on key down only', () => {
    expect(clipboardKey(key({ key: 'V', ctrlKey: true, shiftKey: true }))).toBe('paste');
    expect(clipboardKey(key({ key: 'Insert', shiftKey: true }))).toBe('paste');
    expect(clipboardKey(key({ key: 'V', ctrlKey: true, shiftKey: true }, 'keyup'))).toBeNull();
    expect(clipboardKey(key({ key: 'v', ctrlKey: true }))).toBeNull();
  });
});

describe('terminalLook', () => {
  it('takes colours and font from the theme tokens', () => {
    const el = document.createElement('div');
    el.style.setProperty('--mat-sys-on-surface', '#eeeeee');
    el.style.setProperty('--pc-font-mono', 'Menlo, monospace');
    document.body.append(el);
    const look = terminalLook(getComputedStyle(el));
    expect(look.foreground).toBe('#eeeeee');
    expect(look.fontFamily).toBe('Menlo, monospace');
    expect(look.background).toBe('black');
    el.remove();
  });
});

describe('loadStylesheet', () => {
  it('adds the stylesheet once and resolves when it loaded', async () => {
    const first = loadStylesheet(document, 'xterm.css');
    const links = document.head.querySelectorAll<HTMLLinkElement>('link[href="xterm.css"]');
    expect(links.length).toBe(1);
    expect(links[0].rel).toBe('stylesheet');
    links[0].dispatchEvent(new Event('load'));
    await first;
    await loadStylesheet(document, 'xterm.css');
    expect(document.head.querySelectorAll('link[href="xterm.css"]').length).toBe(1);
  });
});
