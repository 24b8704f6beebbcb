import { TestBed } from '@angular/core/testing';
import { ContainersEventDto } from '../../api/models';
import { aContainer, aNode } from '../../testing/fakes';
import { AuthStore } from '../auth/auth.store';
import { EVENT_SOURCE, LiveEventSource, LiveEvents, REOPEN_MS } from './live-events';

/** An EventSource the test drives: it dispatches named events and errors by hand. */
class FakeSource implements LiveEventSource {
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((e: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (e: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  fail(readyState: number): void {
    this.readyState = readyState;
    for (const l of this.listeners.get('error') ?? []) l(new Event('error'));
  }
}

const at = '2026-12-06T20:00:00.000Z';
const containers = (over: Partial<ContainersEventDto>): ContainersEventDto => ({
  full: false,
  changed: [],
  removed: [],
  stale: false,
  fetchedAt: at,
  ...over,
});

describe('LiveEvents', () => {
  let sources: FakeSource[];
  let live: LiveEvents;
  let signedIn: boolean;

  beforeEach(() => {
    sources = [];
    signedIn = true;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: EVENT_SOURCE,
          useValue: (url: string) => {
            const s = new FakeSource(url);
            sources.push(s);
            return s;
          },
        },
        { provide: AuthStore, useValue: { signedIn: () => signedIn } },
      ],
    });
    live = TestBed.inject(LiveEvents);
  });

  afterEach(() => vi.useRealTimers());

  it('opens one stream however often it is asked, and is healthy from its first event', () => {
    live.connect();
    live.connect();
    expect(sources.map((s) => s.url)).toEqual(['/api/events']);
    expect(live.healthy()).toBe(false);
    sources[0].emit('status', { state: 'online' });
    expect(live.healthy()).toBe(true);
    expect(live.status()).toEqual({ state: 'online' });
  });

  it('applies container diffs to the whole list it got first, by vmid', () => {
    live.connect();
    const s = sources[0];
    s.emit('containers', containers({ changed: [aContainer({ vmid: 105 })] }));
    expect(live.containers(), 'a diff without a list to apply it to').toBeUndefined();
    s.emit(
      'containers',
      containers({ full: true, changed: [aContainer({ vmid: 102 }), aContainer({ vmid: 101 })] }),
    );
    s.emit(
      'containers',
      containers({
        changed: [aContainer({ vmid: 102, status: 'stopped' }), aContainer({ vmid: 103 })],
        removed: [101],
        fetchedAt: '2026-12-06T20:00:05.000Z',
      }),
    );
    const list = live.containers()!;
    expect(list.items.map((c) => [c.vmid, c.status])).toEqual([
      [102, 'stopped'],
      [103, 'running'],
    ]);
    expect(list.fetchedAt).toBe('2026-12-06T20:00:05.000Z');
  });

  it('says when the list changed in what a search matches, not on freshness ticks or usage rounds', () => {
    live.connect();
    const s = sources[0];
    let changes = 0;
    live.containersChanged$.subscribe(() => changes++);
    s.emit('containers', containers({ full: true, changed: [aContainer({ vmid: 101 })] }));
    expect(changes, 'the whole list').toBe(1);
    s.emit('containers', containers({ fetchedAt: '2026-12-06T20:00:05.000Z' }));
    expect(changes, 'a freshness tick').toBe(1);
    s.emit('containers', containers({ changed: [aContainer({ vmid: 101, cpu: 0.42 })] }));
    expect(changes, 'a usage round').toBe(1);
    s.emit('containers', containers({ changed: [aContainer({ vmid: 101, name: 'renamed' })] }));
    s.emit('containers', containers({ removed: [101] }));
    expect(changes, 'a change and a removal').toBe(3);
  });

  it('drops what the stream held when it fails, and says so once to the pollers', () => {
    const lost: number[] = [];
    live.lost$.subscribe(() => lost.push(1));
    live.connect();
    sources[0].emit('nodes', { items: [aNode()], stale: false, fetchedAt: at });
    sources[0].fail(0);
    expect(live.healthy()).toBe(false);
    expect(live.nodes()).toBeUndefined();
    sources[0].fail(0);
    expect(lost).toHaveLength(1);
    expect(sources, 'the browser reconnects by itself while CONNECTING').toHaveLength(1);
  });

  it('reopens a stream the server ended or refused later, but not once signed out', () => {
    vi.useFakeTimers();
    const ended: string[] = [];
    live.ended$.subscribe((r) => ended.push(r));
    live.connect();
    sources[0].emit('status', { state: 'online' });
    sources[0].emit('end', { reason: 'role-changed' });
    expect(ended).toEqual(['role-changed']);
    expect(sources[0].closed).toBe(true);
    vi.advanceTimersByTime(REOPEN_MS);
    expect(sources).toHaveLength(2);
    signedIn = false;
    sources[1].fail(2);
    vi.advanceTimersByTime(REOPEN_MS);
    expect(sources, 'a 401 after sign-out is not retried').toHaveLength(2);
  });
});
