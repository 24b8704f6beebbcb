import { BadGatewayException, Injectable } from '@nestjs/common';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import { AlertsRepository } from './alerts.repository.js';
import { deliver, DeliveryError } from './channels/channel-senders.js';
import {
  type ChannelTarget,
  isQuietHours,
  publicSettings,
  secretSettings,
  targetOf,
} from './channels/channel-settings.js';
import type { Notice } from './channels/notice.js';
import { clock } from './correlation.js';
import type {
  ChannelDto,
  ChannelFieldsDto,
  CreateChannelDto,
  UpdateChannelDto,
} from './dto/channel.dto.js';
import type { AlertChannel, ChannelType } from './entities/alert-channel.entity.js';

const DEFAULT_SMTP_PORT = { none: 25, starttls: 587, tls: 465 } as const;
const NTFY_TOPIC = /^[A-Za-z0-9_-]{1,64}$/;

function httpUrl(value: string | undefined, field: string, what: string): string {
  if (!value) throw badRequest(`${field} is required for ${what}`, field);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(`${field} must be an http:// or https:// URL, got '${value}'`, field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest(`${field} must be an http:// or https:// URL, got '${value}'`, field);
  }
  return value;
}

function required<T>(value: T | undefined, field: string, what: string): T {
  if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) {
    throw badRequest(`${field} is required for ${what}`, field);
  }
  return value;
}

/** The stored target from a request: every field the type needs, or a 400 naming it. */
function toTarget(type: ChannelType, f: ChannelFieldsDto): ChannelTarget {
  const what = `a ${type} channel`;
  switch (type) {
    case 'webhook':
      return {
        type,
        url: httpUrl(f.url, 'url', what),
        format: f.format ?? 'json',
        secret: f.secret,
      };
    case 'ntfy': {
      const topic = required(f.topic, 'topic', what);
      if (!NTFY_TOPIC.test(topic)) {
        throw badRequest('topic must be 1-64 letters, digits, _ or -', 'topic');
      }
      return { type, server: httpUrl(f.server, 'server', what), topic, token: f.token };
    }
    case 'gotify':
      return { type, url: httpUrl(f.url, 'url', what), token: required(f.token, 'token', what) };
    case 'email': {
      const security = f.security ?? 'starttls';
      const to = required(f.to, 'to', what);
      for (const address of to) {
        if (!/^[^\s@]+@[^\s@]+$/.test(address))
          throw badRequest(`'${address}' is not an email address`, 'to');
      }
      return {
        type,
        host: required(f.host, 'host', what),
        port: f.port ?? DEFAULT_SMTP_PORT[security],
        security,
        from: required(f.from, 'from', what),
        to,
        username: f.username,
        password: f.password,
        ca: f.ca,
      };
    }
  }
}

function quietHoursOf(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '') return null;
  if (!isQuietHours(value)) {
    throw badRequest(
      `quietHours must look like 22:00-07:00 (local time), got '${value}'`,
      'quietHours',
    );
  }
  return value;
}

function maintenanceOf(value: string | null | undefined): number | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '') return null;
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw badRequest('maintenanceUntil must be an ISO 8601 date-time', 'maintenanceUntil');
  return t;
}

const iso = (ms: number | null): string | undefined =>
  ms === null ? undefined : new Date(ms).toISOString();

export function toChannelDto(c: AlertChannel): ChannelDto {
  const secrets = Object.keys(JSON.parse(c.secrets) as Record<string, string>);
  const failedLast = c.lastFailureAt !== null && (c.lastSuccessAt ?? 0) <= c.lastFailureAt;
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    settings: JSON.parse(c.settings) as Record<string, unknown>,
    secretsSet: secrets,
    capPerHour: c.capPerHour,
    quietHours: c.quietHours ?? undefined,
    maintenanceUntil: iso(c.maintenanceUntil),
    lastSuccessAt: iso(c.lastSuccessAt),
    lastFailureAt: iso(c.lastFailureAt),
    lastFailure:
      failedLast && c.lastFailure
        ? `last delivery failed: ${c.lastFailure} at ${clock(c.lastFailureAt ?? 0)}`
        : undefined,
  };
}

/** Notification channels: settings, write-only secrets, and the test button. */
@Injectable()
export class AlertChannelsService {
  constructor(private readonly repo: AlertsRepository) {}

  async list(): Promise<ChannelDto[]> {
    return (await this.repo.listChannels()).map(toChannelDto);
  }

  async create(dto: CreateChannelDto): Promise<{ id: number }> {
    const target = toTarget(dto.type, dto);
    const saved = await this.repo.saveChannel({
      name: dto.name,
      type: dto.type,
      settings: JSON.stringify(publicSettings(target)),
      secrets: JSON.stringify(secretSettings(target)),
      capPerHour: dto.capPerHour ?? 20,
      quietHours: quietHoursOf(dto.quietHours) ?? null,
      maintenanceUntil: maintenanceOf(dto.maintenanceUntil) ?? null,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastFailure: null,
      createdAt: Date.now(),
    });
    return { id: saved.id };
  }

  /** Fields left out keep their value; a secret left out keeps the stored secret. */
  async update(id: number, dto: UpdateChannelDto): Promise<ChannelDto> {
    const channel = await this.find(id);
    const current = targetOf(channel) as unknown as Record<string, unknown>;
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    const target = toTarget(channel.type, { ...current, ...given });
    const change: Partial<AlertChannel> = {
      name: dto.name ?? channel.name,
      settings: JSON.stringify(publicSettings(target)),
      secrets: JSON.stringify(secretSettings(target)),
      capPerHour: dto.capPerHour ?? channel.capPerHour,
    };
    const quiet = quietHoursOf(dto.quietHours);
    if (quiet !== undefined) change.quietHours = quiet;
    const maintenance = maintenanceOf(dto.maintenanceUntil);
    if (maintenance !== undefined) change.maintenanceUntil = maintenance;
    await this.repo.updateChannel(id, change);
    return toChannelDto(await this.find(id));
  }

  /**
   * Refused (409) while a rule names the channel: that rule would send nowhere (or to fewer
   * places) without anyone deciding so. The admin re-points those rules first; rules sending to
   * every channel (no list) are not affected.
   */
  async remove(id: number): Promise<void> {
    const channel = await this.find(id);
    const users = (await this.repo.listRules()).filter((r) =>
      (JSON.parse(r.channelIds) as number[]).includes(id),
    );
    if (users.length) {
      const names = users.map((r) => `'${r.name}'`).join(', ');
      const rules = users.length === 1 ? 'rule' : 'rules';
      throw conflict(
        `Channel '${channel.name}' is used by the ${rules} ${names}; ` +
          `point ${users.length === 1 ? 'it' : 'them'} at another channel (or at every channel) first`,
      );
    }
    await this.repo.deleteChannel(id);
  }

  /** Sends a test message now (no queue, no retry); a failure is a 502 with the reason. */
  async test(id: number): Promise<{ delivered: boolean }> {
    const channel = await this.find(id);
    const now = Date.now();
    const notice: Notice = {
      event: 'alert.test',
      rule: 'test',
      severity: 'info',
      subject: { type: 'proxmox' },
      message: `Test notification from ProxiCloud for channel '${channel.name}'`,
      startsAt: new Date(now).toISOString(),
    };
    try {
      await deliver(targetOf(channel), notice);
    } catch (error) {
      const reason = error instanceof DeliveryError ? error.message : 'unexpected error';
      await this.repo.updateChannel(id, { lastFailureAt: now, lastFailure: reason });
      throw new BadGatewayException({
        message: `The test message was not delivered: ${reason}`,
        reason,
      });
    }
    await this.repo.updateChannel(id, { lastSuccessAt: now });
    return { delivered: true };
  }

  private async find(id: number): Promise<AlertChannel> {
    const channel = await this.repo.findChannel(id);
    if (!channel) throw notFound(`No alert channel ${id}`);
    return channel;
  }
}
