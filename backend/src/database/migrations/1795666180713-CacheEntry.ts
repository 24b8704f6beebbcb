import { MigrationInterface, QueryRunner } from 'typeorm';

export class CacheEntry1795666180713 implements MigrationInterface {
  name = 'CacheEntry1795666180713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "cache_entry" (
                "key" varchar(191) PRIMARY KEY NOT NULL,
                "value" text NOT NULL,
                "fetchedAt" integer NOT NULL
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "cache_entry"
        `);
  }
}
