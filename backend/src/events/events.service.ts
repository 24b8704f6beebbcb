import {
  Injectable,
  Logger,
  type MessageEvent,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { BehaviorSubject, Observable, Subject, type Subscription } from 'rxjs';
import type { Principal } from '../auth/principal.js';
import { type CredentialChange, SessionsService } from '../auth/sessions.service.js';
import type { LiveEventType, StreamEndEventDto } from './dto/live-event.dto.js';

/** A comment line this often keeps proxies from closing a quiet stream and checks the session. */
export const HEARTBEAT_MS = 15_000;
/** How long the browser waits before reconnecting a dropped stream (the SSE `retry:` field). */
export const RECONNECT_MS = 3_000;

type EndReason = StreamEndEventDto['reason'];

/** What a new stream is sent before the live events: the current state of each source. */
export type OpeningEvents = () => MessageEvent[];

interface OpenStream {
  principal: Principal;
  end(reason: EndReason): void;
}

/** An event ready to write: serialized once, whatever the number of streams. */
export function liveEvent(type: LiveEventType, data: unknown): MessageEvent {
  return { type, data: JSON.stringify(data) };
}

/**
 * The one live-update stream of the console (GET /api/events). Any module publishes on it with
 * `publish(type, data)`: the data is serialized once and written to every open stream. A stream
 * ends when its credential does: session ended or expired, role changed, token revoked.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventsService.name);
  private readonly bus = new Subject<MessageEvent>();
  private readonly published = new Subject<{ type: LiveEventType; data: unknown }>();
  private readonly streams = new Set<OpenStream>();
  private readonly openStreams = new BehaviorSubject(0);
  private readonly openings: OpeningEvents[] = [];
  private readonly watches: Subscription[] = [];
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly sessions: SessionsService) {}

  onModuleInit(): void {
    this.watches.push(
      this.sessions.ended$.subscribe((idHash) =>
        this.endWhere((p) => p.kind === 'user' && p.sessionIdHash === idHash, 'signed-out'),
      ),
      this.sessions.credentialChanges$.subscribe((change) => this.credentialChanged(change)),
    );
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    for (const w of this.watches) w.unsubscribe();
    this.endWhere(() => true, 'shutdown');
    this.bus.complete();
    this.published.complete();
    this.openStreams.complete();
  }

  /** Sends an event to every open stream (nothing is kept for streams opened later). */
  publish(type: LiveEventType, data: unknown): void {
    if (!this.streams.size) return;
    this.bus.next(liveEvent(type, data));
    this.published.next({ type, data });
  }

  /** What was published, as objects (a source reacts to another's events, e.g. tasks). */
  get published$(): Observable<{ type: LiveEventType; data: unknown }> {
    return this.published.asObservable();
  }

  /** The number of open streams, now and on every change (sources watch only while > 0). */
  get openStreams$(): Observable<number> {
    return this.openStreams.asObservable();
  }

  /** Registers what a new stream receives first (the whole current state of a source). */
  addOpening(opening: OpeningEvents): void {
    this.openings.push(opening);
  }

  /** The stream of one browser tab or client: the current state, then every change. */
  stream(principal: Principal): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const open: OpenStream = {
        principal,
        end: (reason) => {
          subscriber.next(liveEvent('end', { reason } satisfies StreamEndEventDto));
          subscriber.complete();
        },
      };
      subscriber.next({ retry: RECONNECT_MS, comment: 'proxicloud events' });
      for (const opening of this.openings) for (const e of opening()) subscriber.next(e);
      const live = this.bus.subscribe(subscriber);
      this.streams.add(open);
      this.openStreams.next(this.streams.size);
      return () => {
        live.unsubscribe();
        if (this.streams.delete(open)) this.openStreams.next(this.streams.size);
      };
    });
  }

  private credentialChanged(change: CredentialChange): void {
    switch (change.kind) {
      case 'role-changed':
        this.endWhere((p) => p.kind === 'user' && p.userId === change.userId, 'role-changed');
        return;
      case 'token-revoked':
        this.endWhere((p) => p.kind === 'token' && p.tokenId === change.tokenId, 'token-revoked');
        return;
      default:
        return assertNever(change);
    }
  }

  private endWhere(match: (p: Principal) => boolean, reason: EndReason): void {
    for (const s of [...this.streams]) {
      if (!match(s.principal)) continue;
      this.streams.delete(s);
      s.end(reason);
    }
    this.openStreams.next(this.streams.size);
  }

  /** Ends the streams of expired sessions (they count as activity) and pings the others. */
  private async beat(): Promise<void> {
    try {
      for (const s of [...this.streams]) {
        const p = s.principal;
        if (p.kind === 'user' && !(await this.sessions.keepAlive(p.sessionIdHash))) {
          this.endWhere((q) => q === p, 'session-expired');
        }
      }
      this.bus.next({ comment: '' });
    } catch (error) {
      this.logger.warn(`event stream heartbeat failed: ${(error as Error).message}`);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected credential change ${JSON.stringify(value)}`);
}
