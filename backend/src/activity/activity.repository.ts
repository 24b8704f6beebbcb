import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ActivityEntry, type ActivityResult } from './entities/activity-entry.entity.js';

/** Database access for the activity log. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(ActivityEntry) private readonly repo: Repository<ActivityEntry>) {}

  insert(entry: Omit<ActivityEntry, 'id'>): Promise<ActivityEntry> {
    return this.repo.save(this.repo.create(entry));
  }

  async finish(id: number, result: ActivityResult, message: string | null): Promise<void> {
    await this.repo.update({ id }, { result, message, endedAt: Date.now() });
  }

  recent(limit: number): Promise<ActivityEntry[]> {
    return this.repo.find({ order: { at: 'DESC', id: 'DESC' }, take: limit });
  }
}
