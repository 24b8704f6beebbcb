import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { OidcIdentity } from '../entities/oidc-identity.entity.js';

/** Database access for the links between console accounts and identity-provider subjects. */
@Injectable()
export class OidcRepository {
  constructor(@InjectRepository(OidcIdentity) private readonly repo: Repository<OidcIdentity>) {}

  find(issuer: string, subject: string): Promise<OidcIdentity | null> {
    return this.repo.findOneBy({ issuer, subject });
  }

  async link(issuer: string, subject: string, userId: number): Promise<void> {
    await this.repo.insert({ issuer, subject, userId, createdAt: Date.now() });
  }
}
