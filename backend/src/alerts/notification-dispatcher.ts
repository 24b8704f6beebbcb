import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AlertsRepository } from './alerts.repository.js';
import { quietUntil, targetOf } from './channels/channel-settings.js';
import { deliver } from './channels/channel-senders.js';
import type { Notice } from './channels/notice.js';
import type { AlertChannel } from './entities/alert-channel.entity.js';
import type { AlertNotification } from './entities/alert-notification.entity.js';

/** How often the queue is looked at (held, retried and newly queued notifications). */
export const DISPATCH_INTERVAL_MS = 5_000;
/** Retry delays after the 1st, 2nd, ... failed attempt; after the last one it is given up. */
export const RETRY_BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000];
const HOUR_MS = 3_600_000;

/**
 * Sends the queued notifications: holds them through maintenance windows and quiet hours, sends
 * at most the channel's cap per hour and folds the rest into one digest, retries with backoff and
 * keeps the last failure on the channel.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private clock: () => number = Date.now;

  constructor(private readonly repo: AlertsRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.runOnce(), DISPATCH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the queue; a call while one runs makes that one go round again (with its clock). */
  runOnce(now = Date.now): Promise<void> {
    this.clock = now;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass(this.clock());
      } catch (error) {
        this.logger.warn(`notification dispatch failed: ${(error as Error).message}`);
      }
    } while (this.again);
  }

  private async pass(now: number): Promise<void> {
    const due = await this.repo.due(now);
    const channels = new Map((await this.repo.listChannels()).map((c) => [c.id, c]));
    const byChannel = new Map<number, AlertNotification[]>();
    for (const n of due) byChannel.set(n.channelId, [...(byChannel.get(n.channelId) ?? []), n]);
    for (const channel of channels.values()) {
      await this.channelPass(channel, byChannel.get(channel.id) ?? [], now);
    }
  }

  private async channelPass(channel: AlertChannel, due: AlertNotification[], now: number) {
    // held, not rescheduled: a window that ends early (cleared) releases them at once
    if (held(channel, now)) return;
    let sent = await this.repo.sentSince(channel.id, now - HOUR_MS);
    for (const n of due) {
      if (sent >= channel.capPerHour) {
        await this.repo.updateNotifications([n.id], { state: 'capped' });
        continue;
      }
      if (await this.attempt(channel, n, now)) sent += 1;
    }
    await this.digest(channel, now);
  }

  /** The capped notifications of the last hour, as ONE message, at most one per hour. */
  private async digest(channel: AlertChannel, now: number): Promise<void> {
    const capped = await this.repo.capped(channel.id);
    if (!capped.length || (await this.repo.digestSentSince(channel.id, now - HOUR_MS)) > 0) return;
    const notices = capped.map((n) => JSON.parse(n.notice) as Notice);
    const lines = notices.map((x) => `${x.event.slice(6)} ${x.rule}: ${x.message}`);
    const notice: Notice = {
      event: 'alert.digest',
      rule: 'digest',
      severity: notices.some((x) => x.severity === 'critical') ? 'critical' : 'warning',
      subject: { type: 'proxmox' },
      message: `${capped.length} notifications over the cap of ${channel.capPerHour}/hour:\n${lines.join('\n')}`,
      startsAt: new Date(now).toISOString(),
      count: capped.length,
    };
    const digest = await this.repo.saveNotification({
      channelId: channel.id,
      alertId: null,
      event: 'alert.digest',
      notice: JSON.stringify(notice),
      state: 'pending',
      attempts: 0,
      dueAt: now,
      lastError: null,
      createdAt: now,
      sentAt: null,
    });
    await this.repo.updateNotifications(
      capped.map((n) => n.id),
      { state: 'digested' },
    );
    await this.attempt(channel, digest, now);
  }

  private async attempt(channel: AlertChannel, n: AlertNotification, now: number) {
    try {
      await deliver(targetOf(channel), JSON.parse(n.notice) as Notice);
      await this.repo.updateNotifications([n.id], {
        state: 'sent',
        sentAt: now,
        attempts: n.attempts + 1,
      });
      await this.repo.updateChannel(channel.id, { lastSuccessAt: now });
      return true;
    } catch (error) {
      const reason = (error as Error).message;
      const attempts = n.attempts + 1;
      const backoff = RETRY_BACKOFF_MS[attempts - 1];
      await this.repo.updateNotifications([n.id], {
        attempts,
        lastError: reason,
        state: backoff === undefined ? 'failed' : 'pending',
        dueAt: now + (backoff ?? 0),
      });
      await this.repo.updateChannel(channel.id, { lastFailureAt: now, lastFailure: reason });
      this.logger.warn(`channel ${channel.id} (${channel.type}): delivery failed: ${reason}`);
      return false;
    }
  }
}

/** In a maintenance window or the channel's quiet hours. */
function held(channel: AlertChannel, now: number): boolean {
  if (channel.maintenanceUntil !== null && channel.maintenanceUntil > now) return true;
  return quietUntil(channel.quietHours, now) !== undefined;
}
