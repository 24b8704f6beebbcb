import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Schedule } from './entities/schedule.entity.js';

/** Database access for schedules. */
@Injectable()
export class SchedulesRepository {
  constructor(@InjectRepository(Schedule) private readonly repo: Repository<Schedule>) {}

  all(): Promise<Schedule[]> {
    return this.repo.find({ order: { createdAt: 'ASC', name: 'ASC' } });
  }

  findById(id: string): Promise<Schedule | null> {
    return this.repo.findOneBy({ id });
  }

  async save(schedule: Schedule): Promise<void> {
    await this.repo.save(schedule);
  }

  async remove(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
