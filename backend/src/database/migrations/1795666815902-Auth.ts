import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1795666815902 implements MigrationInterface {
  name = 'Auth1795666815902';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "api_token" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "name" varchar(64) NOT NULL,
                "tokenHash" varchar(64) NOT NULL,
                "role" varchar(16) NOT NULL,
                "createdBy" varchar(64) NOT NULL,
                "createdAt" integer NOT NULL,
                "lastUsedAt" integer,
                "revokedAt" integer
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_8b2c31d18cfaa1f93b4c9f142b" ON "api_token" ("name")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_b8d5076cd3f3572829943b3f8a" ON "api_token" ("tokenHash")
        `);
    await queryRunner.query(`
            CREATE TABLE "user" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "username" varchar(64) NOT NULL,
                "passwordHash" varchar(255) NOT NULL,
                "role" varchar(16) NOT NULL,
                "createdAt" integer NOT NULL,
                "passwordChangedAt" integer NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user" ("username")
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "idHash" varchar(64) PRIMARY KEY NOT NULL,
                "userId" integer NOT NULL,
                "createdAt" integer NOT NULL,
                "lastSeenAt" integer NOT NULL,
                "csrfToken" varchar(64) NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3d2f174ef04fb312fdebd0ddc5" ON "session" ("userId")
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_3d2f174ef04fb312fdebd0ddc5"
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_session" (
                "idHash" varchar(64) PRIMARY KEY NOT NULL,
                "userId" integer NOT NULL,
                "createdAt" integer NOT NULL,
                "lastSeenAt" integer NOT NULL,
                "csrfToken" varchar(64) NOT NULL,
                CONSTRAINT "FK_3d2f174ef04fb312fdebd0ddc53" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_session"(
                    "idHash",
                    "userId",
                    "createdAt",
                    "lastSeenAt",
                    "csrfToken"
                )
            SELECT "idHash",
                "userId",
                "createdAt",
                "lastSeenAt",
                "csrfToken"
            FROM "session"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_session"
                RENAME TO "session"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3d2f174ef04fb312fdebd0ddc5" ON "session" ("userId")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_3d2f174ef04fb312fdebd0ddc5"
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
                RENAME TO "temporary_session"
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "idHash" varchar(64) PRIMARY KEY NOT NULL,
                "userId" integer NOT NULL,
                "createdAt" integer NOT NULL,
                "lastSeenAt" integer NOT NULL,
                "csrfToken" varchar(64) NOT NULL
            )
        `);
    await queryRunner.query(`
            INSERT INTO "session"(
                    "idHash",
                    "userId",
                    "createdAt",
                    "lastSeenAt",
                    "csrfToken"
                )
            SELECT "idHash",
                "userId",
                "createdAt",
                "lastSeenAt",
                "csrfToken"
            FROM "temporary_session"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_session"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3d2f174ef04fb312fdebd0ddc5" ON "session" ("userId")
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_3d2f174ef04fb312fdebd0ddc5"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_78a916df40e02a9deb1c4b75ed"
        `);
    await queryRunner.query(`
            DROP TABLE "user"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_b8d5076cd3f3572829943b3f8a"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8b2c31d18cfaa1f93b4c9f142b"
        `);
    await queryRunner.query(`
            DROP TABLE "api_token"
        `);
  }
}
