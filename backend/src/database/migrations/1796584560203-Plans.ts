import { MigrationInterface, QueryRunner } from 'typeorm';

export class Plans1796584560203 implements MigrationInterface {
  name = 'Plans1796584560203';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
            CREATE INDEX "IDX_8912913a71ed6f154ee413bace" ON "plans" ("createdAt")
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_c6166c1e4a5c53cfdea6638bf7"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_a122e9f6db3691d515315165ed"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_f4e3e5ca7c0aaa1aad0a7d0df4"
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_activity" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "at" integer NOT NULL,
                "actor" varchar(128) NOT NULL,
                "action" varchar(32) NOT NULL,
                "target" varchar(255) NOT NULL,
                "node" varchar(64) NOT NULL,
                "upid" varchar(255),
                "result" varchar(16) NOT NULL,
                "message" text,
                "endedAt" integer,
                "targets" text
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_activity"(
                    "id",
                    "at",
                    "actor",
                    "action",
                    "target",
                    "node",
                    "upid",
                    "result",
                    "message",
                    "endedAt"
                )
            SELECT "id",
                "at",
                "actor",
                "action",
                "target",
                "node",
                "upid",
                "result",
                "message",
                "endedAt"
            FROM "activity"
        `);
    await queryRunner.query(`
            DROP TABLE "activity"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_activity"
                RENAME TO "activity"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c6166c1e4a5c53cfdea6638bf7" ON "activity" ("upid")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a122e9f6db3691d515315165ed" ON "activity" ("target")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f4e3e5ca7c0aaa1aad0a7d0df4" ON "activity" ("at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_f4e3e5ca7c0aaa1aad0a7d0df4"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_a122e9f6db3691d515315165ed"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_c6166c1e4a5c53cfdea6638bf7"
        `);
    await queryRunner.query(`
            ALTER TABLE "activity"
                RENAME TO "temporary_activity"
        `);
    await queryRunner.query(`
            CREATE TABLE "activity" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "at" integer NOT NULL,
                "actor" varchar(128) NOT NULL,
                "action" varchar(32) NOT NULL,
                "target" varchar(255) NOT NULL,
                "node" varchar(64) NOT NULL,
                "upid" varchar(255),
                "result" varchar(16) NOT NULL,
                "message" text,
                "endedAt" integer
            )
        `);
    await queryRunner.query(`
            INSERT INTO "activity"(
                    "id",
                    "at",
                    "actor",
                    "action",
                    "target",
                    "node",
                    "upid",
                    "result",
                    "message",
                    "endedAt"
                )
            SELECT "id",
                "at",
                "actor",
                "action",
                "target",
                "node",
                "upid",
                "result",
                "message",
                "endedAt"
            FROM "temporary_activity"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_activity"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f4e3e5ca7c0aaa1aad0a7d0df4" ON "activity" ("at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a122e9f6db3691d515315165ed" ON "activity" ("target")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c6166c1e4a5c53cfdea6638bf7" ON "activity" ("upid")
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8912913a71ed6f154ee413bace"
        `);
    await queryRunner.query(`
            DROP TABLE "plans"
        `);
  }
}
