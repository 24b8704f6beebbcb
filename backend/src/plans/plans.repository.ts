import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { Plan } from './entities/plan.entity.js';

/** Database access for plans. */
@Injectable()
export class PlansRepository {
  constructor(@InjectRepository(Plan) private readonly repo: Repository<Plan>) {}

  async save(plan: Plan): Promise<void> {
    await this.repo.save(plan);
  }

  findById(id: string): Promise<Plan | null> {
    return this.repo.findOneBy({ id });
  }

  running(): Promise<Plan[]> {
    return this.repo.findBy({ state: In(['running']) });
  }

  /** The newest runs of a schedule first. */
  bySchedule(scheduleId: string, limit: number): Promise<Plan[]> {
    return this.repo.find({ where: { scheduleId }, order: { createdAt: 'DESC' }, take: limit });
  }

  recent(limit: number): Promise<Plan[]> {
    return this.repo.find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
