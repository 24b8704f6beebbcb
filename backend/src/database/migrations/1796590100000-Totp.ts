import { MigrationInterface, QueryRunner } from 'typeorm';

export class Totp1796590100000 implements MigrationInterface {
  name = 'Totp1796590100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "auth_setting" (
                "key" varchar(64) PRIMARY KEY NOT NULL,
                "value" text NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "recovery_code" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "userId" integer NOT NULL,
                "codeHash" varchar(64) NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0f5ccf4c1ff79feab467756798" ON "recovery_code" ("userId", "codeHash")
        `);
    await queryRunner.query(`
            CREATE TABLE "totp_credential" (
                "userId" integer PRIMARY KEY NOT NULL,
                "secret" text,
                "pendingSecret" text,
                "enabledAt" integer,
                "lastStep" integer
            )
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_0f5ccf4c1ff79feab467756798"
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_recovery_code" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "userId" integer NOT NULL,
                "codeHash" varchar(64) NOT NULL,
                CONSTRAINT "FK_0e10289994b9a90be4cde06e15c" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_recovery_code"("id", "userId", "codeHash")
            SELECT "id",
                "userId",
                "codeHash"
            FROM "recovery_code"
        `);
    await queryRunner.query(`
            DROP TABLE "recovery_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_recovery_code"
                RENAME TO "recovery_code"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0f5ccf4c1ff79feab467756798" ON "recovery_code" ("userId", "codeHash")
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_totp_credential" (
                "userId" integer PRIMARY KEY NOT NULL,
                "secret" text,
                "pendingSecret" text,
                "enabledAt" integer,
                "lastStep" integer,
                CONSTRAINT "FK_9180faedc035e0ba4514062a302" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_totp_credential"(
                    "userId",
                    "secret",
                    "pendingSecret",
                    "enabledAt",
                    "lastStep"
                )
            SELECT "userId",
                "secret",
                "pendingSecret",
                "enabledAt",
                "lastStep"
            FROM "totp_credential"
        `);
    await queryRunner.query(`
            DROP TABLE "totp_credential"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_totp_credential"
                RENAME TO "totp_credential"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "totp_credential"
                RENAME TO "temporary_totp_credential"
        `);
    await queryRunner.query(`
            CREATE TABLE "totp_credential" (
                "userId" integer PRIMARY KEY NOT NULL,
                "secret" text,
                "pendingSecret" text,
                "enabledAt" integer,
                "lastStep" integer
            )
        `);
    await queryRunner.query(`
            INSERT INTO "totp_credential"(
                    "userId",
                    "secret",
                    "pendingSecret",
                    "enabledAt",
                    "lastStep"
                )
            SELECT "userId",
                "secret",
                "pendingSecret",
                "enabledAt",
                "lastStep"
            FROM "temporary_totp_credential"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_totp_credential"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_0f5ccf4c1ff79feab467756798"
        `);
    await queryRunner.query(`
            ALTER TABLE "recovery_code"
                RENAME TO "temporary_recovery_code"
        `);
    await queryRunner.query(`
            CREATE TABLE "recovery_code" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "userId" integer NOT NULL,
                "codeHash" varchar(64) NOT NULL
            )
        `);
    await queryRunner.query(`
            INSERT INTO "recovery_code"("id", "userId", "codeHash")
            SELECT "id",
                "userId",
                "codeHash"
            FROM "temporary_recovery_code"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_recovery_code"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0f5ccf4c1ff79feab467756798" ON "recovery_code" ("userId", "codeHash")
        `);
    await queryRunner.query(`
            DROP TABLE "totp_credential"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_0f5ccf4c1ff79feab467756798"
        `);
    await queryRunner.query(`
            DROP TABLE "recovery_code"
        `);
    await queryRunner.query(`
            DROP TABLE "auth_setting"
        `);
  }
}
