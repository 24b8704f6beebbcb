import { Injectable, InjectionToken, Injector, inject, signal } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import { ApiConfiguration } from '../../api/api-configuration';
import {
  ConnectionStatusDto,
  ContainerListDto,
  ContainerSummaryDto,
  ContainersEventDto,
  NodeListDto,
  StreamEndEventDto,
  TaskDto,
} from '../../api/models';
import { AuthStore } from '../auth/auth.store';

export const EVENTS_PATH = '/api/events';
/** After the server refused or ended a stream (EventSource then gives up), try again this late. */
export const REOPEN_MS = 10_000;

/** What the service needs of an EventSource (tests hand in a fake). */
export interface LiveEventSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
  /** 0 connecting, 1 open, 2 closed (EventSource's values) */
  readonly readyState: number;
}

/** Where EventSource is missing (an old browser, tests), the stream never opens: pages poll. */
const NO_STREAM: LiveEventSource = {
  addEventListener: () => undefined,
  close: () => undefined,
  readyState: 0,
};

export const EVENT_SOURCE = new InjectionToken<(url: string) => LiveEventSource>('EVENT_SOURCE', {
  providedIn: 'root',
  factory: () => (url) =>
    typeof EventSource === 'undefined'
      ? NO_STREAM
      : new EventSource(url, { withCredentials: true }),
});

/** What a poller needs to know: whether the stream stands in for it, and when it stops doing so. */
export interface PollingPause {
  healthy(): boolean;
  readonly lost$: Observable<void>;
}

/**
 * The one server-sent-event stream of this tab (GET /api/events): the connection status, the
 * container list (whole first, then diffs applied here) and the node list, kept as signals, and
 * tasks as they start and end. `healthy` is true once the stream delivered its first event and
 * until it fails; the stores poll only while it is false. The lists are dropped when the stream
 * fails, so nothing it held can pass for live data.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents implements PollingPause {
  private readonly open = inject(EVENT_SOURCE);
  private readonly rootUrl = inject(ApiConfiguration).rootUrl;
  /** AuthStore is asked only when reopening (it needs HTTP; most users of this service do not). */
  private readonly injector = inject(Injector);
  private source: LiveEventSource | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly byVmid = new Map<number, ContainerSummaryDto>();
  private readonly lost = new Subject<void>();
  private readonly taskEvents = new Subject<TaskDto>();
  private readonly ended = new Subject<StreamEndEventDto['reason']>();
  private readonly containerChanges = new Subject<void>();

  private readonly isHealthy = signal(false);
  private readonly containerList = signal<ContainerListDto | undefined>(undefined);
  readonly healthy = this.isHealthy.asReadonly();
  readonly status = signal<ConnectionStatusDto | undefined>(undefined);
  readonly nodes = signal<NodeListDto | undefined>(undefined);
  readonly containers = this.containerList.asReadonly();
  /** Each time a healthy stream fails: pollers fetch at once instead of at their next tick. */
  readonly lost$ = this.lost.asObservable();
  readonly tasks$ = this.taskEvents.asObservable();
  /**
   * Each time the pushed list gained or lost a container or one changed in what a selector can
   * match (not on a freshness tick or a usage round): a search's matches may be out of date.
   */
  readonly containersChanged$ = this.containerChanges.asObservable();
  /** Why the server ended the stream (the session ended, the role changed, ...). */
  readonly ended$ = this.ended.asObservable();

  /** Opens the stream unless it is open; safe to call more than once. */
  connect(): void {
    if (this.source) return;
    clearTimeout(this.reopenTimer);
    const source = this.open(`${this.rootUrl}${EVENTS_PATH}`);
    this.source = source;
    const on = <T>(type: string, handle: (data: T) => void): void =>
      source.addEventListener(type, (e) => {
        if (this.source !== source) return;
        handle(JSON.parse((e as MessageEvent<string>).data) as T);
        this.isHealthy.set(true);
      });
    on<ConnectionStatusDto>('status', (s) => this.status.set(s));
    on<NodeListDto>('nodes', (n) => this.nodes.set(n));
    on<ContainersEventDto>('containers', (c) => this.applyContainers(c));
    on<TaskDto>('task', (t) => this.taskEvents.next(t));
    source.addEventListener('end', (e) => {
      const { reason } = JSON.parse((e as MessageEvent<string>).data) as StreamEndEventDto;
      this.drop();
      this.ended.next(reason);
      this.reopenLater();
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      // CONNECTING: the browser reconnects by itself; CLOSED: it gave up (e.g. 401)
      const closed = source.readyState === 2;
      this.markLost();
      if (closed) {
        this.drop();
        this.reopenLater();
      }
    });
  }

  disconnect(): void {
    clearTimeout(this.reopenTimer);
    this.drop();
  }

  private applyContainers(event: ContainersEventDto): void {
    // usage rounds (every 10 s) change no term a search can name: only these re-resolve searches
    const searchable =
      event.full || event.removed.length > 0 || event.changed.some((ct) => this.moved(ct));
    if (event.full) this.byVmid.clear();
    for (const ct of event.changed) this.byVmid.set(ct.vmid, ct);
    for (const vmid of event.removed) this.byVmid.delete(vmid);
    const items = [...this.byVmid.values()].sort((a, b) => a.vmid - b.vmid);
    // diffs mean nothing without the whole list they apply to
    if (!event.full && !this.containerList()) return;
    this.containerList.set({ items, stale: event.stale, fetchedAt: event.fetchedAt });
    if (searchable) this.containerChanges.next();
  }

  /** Whether a pushed row differs in what selectors match on (name, status, node, pool, tags). */
  private moved(ct: ContainerSummaryDto): boolean {
    const was = this.byVmid.get(ct.vmid);
    return (
      !was ||
      was.name !== ct.name ||
      was.status !== ct.status ||
      was.node !== ct.node ||
      was.pool !== ct.pool ||
      was.tags.join(';') !== ct.tags.join(';')
    );
  }

  private markLost(): void {
    const was = this.isHealthy();
    this.isHealthy.set(false);
    this.status.set(undefined);
    this.nodes.set(undefined);
    this.containerList.set(undefined);
    this.byVmid.clear();
    if (was) this.lost.next();
  }

  private drop(): void {
    this.source?.close();
    this.source = null;
    this.markLost();
  }

  /** Signed out (the polls' 401 says so), the stream stays closed until the next connect(). */
  private reopenLater(): void {
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => {
      if (this.injector.get(AuthStore).signedIn()) this.connect();
    }, REOPEN_MS);
  }
}
