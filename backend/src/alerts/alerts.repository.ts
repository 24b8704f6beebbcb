import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThanOrEqual, MoreThanOrEqual, Not, type Repository } from 'typeorm';
import { AlertChannel } from './entities/alert-channel.entity.js';
import { AlertNotification } from './entities/alert-notification.entity.js';
import { AlertRule } from './entities/alert-rule.entity.js';
import { Alert, type AlertState } from './entities/alert.entity.js';

/** Database access for rules, channels, alerts and the notification queue. */
@Injectable()
export class AlertsRepository {
  constructor(
    @InjectRepository(AlertRule) private readonly rules: Repository<AlertRule>,
    @InjectRepository(AlertChannel) private readonly channels: Repository<AlertChannel>,
    @InjectRepository(Alert) private readonly alerts: Repository<Alert>,
    @InjectRepository(AlertNotification) private readonly queue: Repository<AlertNotification>,
  ) {}

  listRules(): Promise<AlertRule[]> {
    return this.rules.find({ order: { id: 'ASC' } });
  }

  findRule(id: number): Promise<AlertRule | null> {
    return this.rules.findOneBy({ id });
  }

  saveRule(rule: Partial<AlertRule>): Promise<AlertRule> {
    return this.rules.save(this.rules.create(rule));
  }

  async deleteRule(id: number): Promise<void> {
    await this.rules.delete({ id });
  }

  listChannels(): Promise<AlertChannel[]> {
    return this.channels.find({ order: { id: 'ASC' } });
  }

  findChannel(id: number): Promise<AlertChannel | null> {
    return this.channels.findOneBy({ id });
  }

  saveChannel(channel: Partial<AlertChannel>): Promise<AlertChannel> {
    return this.channels.save(this.channels.create(channel));
  }

  async updateChannel(id: number, change: Partial<AlertChannel>): Promise<void> {
    await this.channels.update({ id }, change);
  }

  async deleteChannel(id: number): Promise<void> {
    await this.queue.delete({ channelId: id });
    await this.channels.delete({ id });
  }

  /** Alerts not ended yet (firing, or suppressed while the CT stays down). */
  openAlerts(): Promise<Alert[]> {
    return this.alerts.findBy({ endsAt: IsNull() });
  }

  findAlert(id: number): Promise<Alert | null> {
    return this.alerts.findOneBy({ id });
  }

  saveAlert(alert: Partial<Alert>): Promise<Alert> {
    return this.alerts.save(this.alerts.create(alert));
  }

  async updateAlert(id: number, change: Partial<Alert>): Promise<void> {
    await this.alerts.update({ id }, change);
  }

  listAlerts(state: AlertState | undefined, take: number): Promise<[Alert[], number]> {
    return this.alerts.findAndCount({
      where: state ? { state } : {},
      order: { startsAt: 'DESC', id: 'DESC' },
      take,
    });
  }

  countFiring(): Promise<number> {
    return this.alerts.countBy({ state: 'firing' });
  }

  /** Alerts of one rule that began since `since` (the preview's comparison). */
  alertsOfRuleSince(ruleId: number, since: number): Promise<Alert[]> {
    return this.alerts.findBy({ ruleId, startsAt: MoreThanOrEqual(since) });
  }

  async enqueue(rows: Omit<AlertNotification, 'id'>[]): Promise<void> {
    if (rows.length) await this.queue.insert(rows);
  }

  /** Pending notifications due by `now`, oldest first. */
  due(now: number): Promise<AlertNotification[]> {
    return this.queue.find({
      where: { state: 'pending', dueAt: LessThanOrEqual(now) },
      order: { id: 'ASC' },
    });
  }

  capped(channelId: number): Promise<AlertNotification[]> {
    return this.queue.find({ where: { channelId, state: 'capped' }, order: { id: 'ASC' } });
  }

  /** Notifications (digests apart) sent through a channel since `since`. */
  sentSince(channelId: number, since: number): Promise<number> {
    return this.queue.countBy({
      channelId,
      sentAt: MoreThanOrEqual(since),
      event: Not('alert.digest'),
      state: 'sent',
    });
  }

  digestSentSince(channelId: number, since: number): Promise<number> {
    return this.queue.countBy({ channelId, sentAt: MoreThanOrEqual(since), event: 'alert.digest' });
  }

  saveNotification(n: Partial<AlertNotification>): Promise<AlertNotification> {
    return this.queue.save(this.queue.create(n));
  }

  async updateNotifications(ids: number[], change: Partial<AlertNotification>): Promise<void> {
    if (ids.length) await this.queue.update({ id: In(ids) }, change);
  }
}
