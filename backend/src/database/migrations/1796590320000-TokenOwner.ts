import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * L-3: API tokens have an owner and an optional expiry. Existing tokens belong to the admin
 * named in createdBy (or, for `token:<name>`, to the owner of that token); a token whose creator
 * is gone or no longer an admin is revoked here, as deleting or demoting it does from now on.
 */
export class TokenOwner1796590320000 implements MigrationInterface {
  name = 'TokenOwner1796590320000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_b8d5076cd3f3572829943b3f8a"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8b2c31d18cfaa1f93b4c9f142b"
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_api_token" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "name" varchar(64) NOT NULL,
                "tokenHash" varchar(64) NOT NULL,
                "role" varchar(16) NOT NULL,
                "createdBy" varchar(64) NOT NULL,
                "createdAt" integer NOT NULL,
                "lastUsedAt" integer,
                "revokedAt" integer,
                "ownerId" integer,
                "expiresAt" integer
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_api_token"(
                    "id",
                    "name",
                    "tokenHash",
                    "role",
                    "createdBy",
                    "createdAt",
                    "lastUsedAt",
                    "revokedAt"
                )
            SELECT "id",
                "name",
                "tokenHash",
                "role",
                "createdBy",
                "createdAt",
                "lastUsedAt",
                "revokedAt"
            FROM "api_token"
        `);
    await queryRunner.query(`
            DROP TABLE "api_token"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_api_token"
                RENAME TO "api_token"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_b8d5076cd3f3572829943b3f8a" ON "api_token" ("tokenHash")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_8b2c31d18cfaa1f93b4c9f142b" ON "api_token" ("name")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_27a75ebb5cf91dcbdc882cfc3f" ON "api_token" ("ownerId")
        `);
    await queryRunner.query(`
            UPDATE "api_token" SET "ownerId" = (
                SELECT "u"."id" FROM "user" "u"
                WHERE "u"."username" = "api_token"."createdBy" COLLATE NOCASE AND "u"."role" = 'admin'
            )
        `);
    await queryRunner.query(`
            UPDATE "api_token" SET "ownerId" = (
                SELECT "t"."ownerId" FROM "api_token" "t"
                WHERE 'token:' || "t"."name" = "api_token"."createdBy"
            )
            WHERE "ownerId" IS NULL AND "createdBy" LIKE 'token:%'
        `);
    await queryRunner.query(`
            UPDATE "api_token" SET "revokedAt" = CAST(strftime('%s', 'now') AS INTEGER) * 1000
            WHERE "ownerId" IS NULL AND "revokedAt" IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_27a75ebb5cf91dcbdc882cfc3f"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_8b2c31d18cfaa1f93b4c9f142b"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_b8d5076cd3f3572829943b3f8a"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_token"
                RENAME TO "temporary_api_token"
        `);
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
            INSERT INTO "api_token"(
                    "id",
                    "name",
                    "tokenHash",
                    "role",
                    "createdBy",
                    "createdAt",
                    "lastUsedAt",
                    "revokedAt"
                )
            SELECT "id",
                "name",
                "tokenHash",
                "role",
                "createdBy",
                "createdAt",
                "lastUsedAt",
                "revokedAt"
            FROM "temporary_api_token"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_api_token"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_8b2c31d18cfaa1f93b4c9f142b" ON "api_token" ("name")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_b8d5076cd3f3572829943b3f8a" ON "api_token" ("tokenHash")
        `);
  }
}
