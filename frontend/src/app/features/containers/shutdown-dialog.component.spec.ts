import { SHUTDOWN_DEFAULTS, parseShutdownTimeout } from './shutdown-dialog.component';

describe('shutdown options', () => {
  it("start from Proxmox's defaults: 60 s, no force", () =>
    expect(SHUTDOWN_DEFAULTS).toEqual({ timeout: 60, forceStop: false }));

  it('take whole seconds from 0 to a day', () => {
    expect(parseShutdownTimeout('0')).toBe(0);
    expect(parseShutdownTimeout(' 120 ')).toBe(120);
    expect(parseShutdownTimeout('86401')).toBeNull();
    expect(parseShutdownTimeout('-1')).toBeNull();
    expect(parseShutdownTimeout('1.5')).toBeNull();
    expect(parseShutdownTimeout('')).toBeNull();
  });
});
