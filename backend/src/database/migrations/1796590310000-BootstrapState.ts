import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * M-3: the bootstrap-done flag. A console that already has an admin is bootstrapped: the row is
 * written here, so after this upgrade the configured admin is not created again even if it was
 * deleted before.
 */
export class BootstrapState1796590310000 implements MigrationInterface {
  name = 'BootstrapState1796590310000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "bootstrap_state" (
                "id" integer PRIMARY KEY NOT NULL,
                "doneAt" integer NOT NULL
            )
        `);
    await queryRunner.query(`
            INSERT INTO "bootstrap_state" ("id", "doneAt")
            SELECT 1, MIN("createdAt") FROM "user" WHERE "role" = 'admin' HAVING COUNT(*) > 0
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "bootstrap_state"
        `);
  }
}
