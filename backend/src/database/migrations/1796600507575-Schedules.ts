import { MigrationInterface, QueryRunner } from 'typeorm';

export class Schedules1796600507575 implements MigrationInterface {
  name = 'Schedules1796600507575';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "schedules" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "name" varchar(100) NOT NULL,
                "source" varchar(8) NOT NULL,
                "action" varchar(16) NOT NULL,
                "selector" text NOT NULL,
                "params" text NOT NULL,
                "cron" varchar(100) NOT NULL,
                "timeZone" varchar(64) NOT NULL,
                "enabled" boolean NOT NULL,
                "role" varchar(16) NOT NULL,
                "createdBy" varchar(128) NOT NULL,
                "createdAt" integer NOT NULL,
                "lastOccurrence" integer,
                "lastPlanId" varchar(36),
                "lastNote" text
            )
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8912913a71ed6f154ee413bace"
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_plans" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "action" varchar(16) NOT NULL,
                "selector" text,
                "params" text NOT NULL,
                "state" varchar(16) NOT NULL,
                "createdBy" varchar(128) NOT NULL,
                "createdAt" integer NOT NULL,
                "expiresAt" integer NOT NULL,
                "executedBy" varchar(128),
                "startedAt" integer,
                "endedAt" integer,
                "concurrency" integer,
                "activityId" integer,
                "targets" text NOT NULL,
                "scheduleId" varchar(36)
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_plans"(
                    "id",
                    "action",
                    "selector",
                    "params",
                    "state",
                    "createdBy",
                    "createdAt",
                    "expiresAt",
                    "executedBy",
                    "startedAt",
                    "endedAt",
                    "concurrency",
                    "activityId",
                    "targets"
                )
            SELECT "id",
                "action",
                "selector",
                "params",
                "state",
                "createdBy",
                "createdAt",
                "expiresAt",
                "executedBy",
                "startedAt",
                "endedAt",
                "concurrency",
                "activityId",
                "targets"
            FROM "plans"
        `);
    await queryRunner.query(`
            DROP TABLE "plans"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_plans"
                RENAME TO "plans"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8912913a71ed6f154ee413bace" ON "plans" ("createdAt")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_328d68b935dfc34a9ec8d0b2f1" ON "plans" ("scheduleId")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_328d68b935dfc34a9ec8d0b2f1"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8912913a71ed6f154ee413bace"
        `);
    await queryRunner.query(`
            ALTER TABLE "plans"
                RENAME TO "temporary_plans"
        `);
    await queryRunner.query(`
            CREATE TABLE "plans" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "action" varchar(16) NOT NULL,
                "selector" text,
                "params" text NOT NULL,
                "state" varchar(16) NOT NULL,
                "createdBy" varchar(128) NOT NULL,
                "createdAt" integer NOT NULL,
                "expiresAt" integer NOT NULL,
                "executedBy" varchar(128),
                "startedAt" integer,
                "endedAt" integer,
                "concurrency" integer,
                "activityId" integer,
                "targets" text NOT NULL
            )
        `);
    await queryRunner.query(`
            INSERT INTO "plans"(
                    "id",
                    "action",
                    "selector",
                    "params",
                    "state",
                    "createdBy",
                    "createdAt",
                    "expiresAt",
                    "executedBy",
                    "startedAt",
                    "endedAt",
                    "concurrency",
                    "activityId",
                    "targets"
                )
            SELECT "id",
                "action",
                "selector",
                "params",
                "state",
                "createdBy",
                "createdAt",
                "expiresAt",
                "executedBy",
                "startedAt",
                "endedAt",
                "concurrency",
                "activityId",
                "targets"
            FROM "temporary_plans"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_plans"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8912913a71ed6f154ee413bace" ON "plans" ("createdAt")
        `);
    await queryRunner.query(`
            DROP TABLE "schedules"
        `);
  }
}
