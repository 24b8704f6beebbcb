import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1796580835444 implements MigrationInterface {
  name = 'Alerts1796580835444';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "alert_channel" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "name" varchar(64) NOT NULL,
                "type" varchar(16) NOT NULL,
                "settings" text NOT NULL,
                "secrets" text NOT NULL,
                "capPerHour" integer NOT NULL DEFAULT (20),
                "quietHours" varchar(16),
                "maintenanceUntil" integer,
                "lastSuccessAt" integer,
                "lastFailureAt" integer,
                "lastFailure" text,
                "createdAt" integer NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "alert_notification" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "channelId" integer NOT NULL,
                "alertId" integer,
                "event" varchar(16) NOT NULL,
                "notice" text NOT NULL,
                "state" varchar(16) NOT NULL,
                "attempts" integer NOT NULL DEFAULT (0),
                "dueAt" integer NOT NULL,
                "lastError" text,
                "createdAt" integer NOT NULL,
                "sentAt" integer
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cb5a1a07c54d0144d72f7e7f46" ON "alert_notification" ("channelId")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c6a3dd8c10c9428ec20f8d5f34" ON "alert_notification" ("state")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8faa35f2ba96983817bce989db" ON "alert_notification" ("sentAt")
        `);
    await queryRunner.query(`
            CREATE TABLE "alert_rule" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "name" varchar(64) NOT NULL,
                "kind" varchar(32) NOT NULL,
                "builtin" boolean NOT NULL DEFAULT (0),
                "enabled" boolean NOT NULL DEFAULT (1),
                "severity" varchar(16) NOT NULL,
                "scopeKind" varchar(8) NOT NULL DEFAULT ('all'),
                "scopeValue" varchar(255),
                "threshold" real,
                "forS" integer NOT NULL DEFAULT (0),
                "channelIds" text NOT NULL DEFAULT ('[]'),
                "createdAt" integer NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "alert" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "ruleId" integer NOT NULL,
                "ruleKind" varchar(32) NOT NULL,
                "ruleName" varchar(64) NOT NULL,
                "key" varchar(128) NOT NULL,
                "state" varchar(16) NOT NULL,
                "severity" varchar(16) NOT NULL,
                "subjectType" varchar(8) NOT NULL,
                "vmid" integer,
                "node" varchar(64),
                "name" varchar(128),
                "message" text NOT NULL,
                "explanation" text,
                "startsAt" integer NOT NULL,
                "endsAt" integer,
                "notifiedAt" integer,
                "ackBy" varchar(128),
                "ackAt" integer,
                "ackNote" text
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4a5777a64b528de23f81b33317" ON "alert" ("key")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7c7218d0ff51ea1b60ca1e39af" ON "alert" ("state")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_27e3c016c2f5ef20b32ce6b620" ON "alert" ("startsAt")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_27e3c016c2f5ef20b32ce6b620"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_7c7218d0ff51ea1b60ca1e39af"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_4a5777a64b528de23f81b33317"
        `);
    await queryRunner.query(`
            DROP TABLE "alert"
        `);
    await queryRunner.query(`
            DROP TABLE "alert_rule"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8faa35f2ba96983817bce989db"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_c6a3dd8c10c9428ec20f8d5f34"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_cb5a1a07c54d0144d72f7e7f46"
        `);
    await queryRunner.query(`
            DROP TABLE "alert_notification"
        `);
    await queryRunner.query(`
            DROP TABLE "alert_channel"
        `);
  }
}
