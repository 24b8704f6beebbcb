import { TestBed } from '@angular/core/testing';
import { StatusChipComponent } from './status-chip.component';
import { statusIcon, statusTone } from './status-tone';

describe('statusTone', () => {
  it('shows running containers and online nodes as good', () => {
    expect(statusTone('running')).toBe('good');
    expect(statusTone('online')).toBe('good');
    expect(statusTone('OK')).toBe('good');
  });
  it('shows stopped as neutral', () => expect(statusTone('stopped')).toBe('neutral'));
  it('never shows a missing status as stopped', () =>
    expect(statusTone(undefined)).toBe('warning'));
  it('treats an offline node as an error', () => expect(statusTone('offline')).toBe('error'));
  it('recognises Proxmox error exit statuses', () => {
    expect(statusTone("command 'pct start 101' failed: exit code 1")).toBe('error');
    expect(statusTone('unable to parse')).toBe('error');
  });
  it('falls back to neutral for other words', () =>
    expect(statusTone('migrating')).toBe('neutral'));
  it('has an icon for every tone', () => expect(statusIcon('error')).toBe('error'));
});

describe('StatusChipComponent', () => {
  it('renders the status with its tone as a class', async () => {
    const fixture = TestBed.createComponent(StatusChipComponent);
    fixture.componentRef.setInput('status', 'running');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.classList).toContain('good');
    expect(host.textContent).toContain('running');
  });

  it('prefers the explicit label', async () => {
    const fixture = TestBed.createComponent(StatusChipComponent);
    fixture.componentRef.setInput('status', "command 'pct' failed");
    fixture.componentRef.setInput('label', 'failed');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toContain('failed');
    expect((fixture.nativeElement as HTMLElement).classList).toContain('error');
  });
});
