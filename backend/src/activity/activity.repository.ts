import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  And,
  type FindOptionsWhere,
  In,
  LessThan,
  MoreThanOrEqual,
  Raw,
  type Repository,
} from 'typeorm';
import { ActivityEntry, type ActivityResult } from './entities/activity-entry.entity.js';

export interface ActivityFilter {
  actor?: string;
  action?: string;
  /** exact, or a prefix when it ends in '/' */
  target?: string;
  result?: ActivityResult;
  /** epoch ms, inclusive */
  since?: number;
  /** epoch ms, exclusive */
  until?: number;
}

/** Prefix match without LIKE, so % and _ in a target are plain characters. */
const startsWith = (prefix: string) =>
  Raw((column) => `substr(${column}, 1, ${prefix.length}) = :prefix`, { prefix });

function toWhere(f: ActivityFilter): FindOptionsWhere<ActivityEntry> {
  const where: FindOptionsWhere<ActivityEntry> = {};
  if (f.actor) where.actor = f.actor;
  if (f.action) where.action = f.action;
  if (f.result) where.result = f.result;
  if (f.target) where.target = f.target.endsWith('/') ? startsWith(f.target) : f.target;
  if (f.since !== undefined && f.until !== undefined) {
    where.at = And(MoreThanOrEqual(f.since), LessThan(f.until));
  } else if (f.since !== undefined) where.at = MoreThanOrEqual(f.since);
  else if (f.until !== undefined) where.at = LessThan(f.until);
  return where;
}

/** Database access for the activity log. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(ActivityEntry) private readonly repo: Repository<ActivityEntry>) {}

  insert(entry: Omit<ActivityEntry, 'id'>): Promise<ActivityEntry> {
    return this.repo.save(this.repo.create(entry));
  }

  /** A message on an entry that has not ended yet (e.g. "HA: start requested"). */
  async note(id: number, message: string): Promise<void> {
    await this.repo.update({ id }, { message });
  }

  async finish(id: number, result: ActivityResult, message: string | null): Promise<void> {
    await this.repo.update({ id }, { result, message, endedAt: Date.now() });
  }

  /** Entries about these targets since `since` (epoch ms), oldest first. */
  forTargetsSince(targets: string[], since: number): Promise<ActivityEntry[]> {
    return this.repo.find({
      where: { target: In(targets), at: MoreThanOrEqual(since) },
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  recent(limit: number): Promise<ActivityEntry[]> {
    return this.repo.find({ order: { at: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Matching entries, newest first, and how many match in all. */
  page(filter: ActivityFilter, take: number, skip: number): Promise<[ActivityEntry[], number]> {
    return this.repo.findAndCount({
      where: toWhere(filter),
      order: { at: 'DESC', id: 'DESC' },
      take,
      skip,
    });
  }
}
