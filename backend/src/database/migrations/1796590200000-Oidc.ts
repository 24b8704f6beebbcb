import { MigrationInterface, QueryRunner } from 'typeorm';

export class Oidc1796590200000 implements MigrationInterface {
  name = 'Oidc1796590200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "oidc_identity" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "issuer" varchar(255) NOT NULL,
                "subject" varchar(255) NOT NULL,
                "userId" integer NOT NULL,
                "createdAt" integer NOT NULL
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5a4d4f77738f1adda47b02a2bb" ON "oidc_identity" ("userId")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0fdb83f438b6d11a7c7ddfca7d" ON "oidc_identity" ("issuer", "subject")
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_5a4d4f77738f1adda47b02a2bb"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_0fdb83f438b6d11a7c7ddfca7d"
        `);
    await queryRunner.query(`
            CREATE TABLE "temporary_oidc_identity" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "issuer" varchar(255) NOT NULL,
                "subject" varchar(255) NOT NULL,
                "userId" integer NOT NULL,
                "createdAt" integer NOT NULL,
                CONSTRAINT "FK_5a4d4f77738f1adda47b02a2bb2" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`
            INSERT INTO "temporary_oidc_identity"("id", "issuer", "subject", "userId", "createdAt")
            SELECT "id",
                "issuer",
                "subject",
                "userId",
                "createdAt"
            FROM "oidc_identity"
        `);
    await queryRunner.query(`
            DROP TABLE "oidc_identity"
        `);
    await queryRunner.query(`
            ALTER TABLE "temporary_oidc_identity"
                RENAME TO "oidc_identity"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5a4d4f77738f1adda47b02a2bb" ON "oidc_identity" ("userId")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0fdb83f438b6d11a7c7ddfca7d" ON "oidc_identity" ("issuer", "subject")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "IDX_0fdb83f438b6d11a7c7ddfca7d"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_5a4d4f77738f1adda47b02a2bb"
        `);
    await queryRunner.query(`
            ALTER TABLE "oidc_identity"
                RENAME TO "temporary_oidc_identity"
        `);
    await queryRunner.query(`
            CREATE TABLE "oidc_identity" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "issuer" varchar(255) NOT NULL,
                "subject" varchar(255) NOT NULL,
                "userId" integer NOT NULL,
                "createdAt" integer NOT NULL
            )
        `);
    await queryRunner.query(`
            INSERT INTO "oidc_identity"("id", "issuer", "subject", "userId", "createdAt")
            SELECT "id",
                "issuer",
                "subject",
                "userId",
                "createdAt"
            FROM "temporary_oidc_identity"
        `);
    await queryRunner.query(`
            DROP TABLE "temporary_oidc_identity"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0fdb83f438b6d11a7c7ddfca7d" ON "oidc_identity" ("issuer", "subject")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5a4d4f77738f1adda47b02a2bb" ON "oidc_identity" ("userId")
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_0fdb83f438b6d11a7c7ddfca7d"
        `);
    await queryRunner.query(`
            DROP INDEX "IDX_5a4d4f77738f1adda47b02a2bb"
        `);
    await queryRunner.query(`
            DROP TABLE "oidc_identity"
        `);
  }
}
