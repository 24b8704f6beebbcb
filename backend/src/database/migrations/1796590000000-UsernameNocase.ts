import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * L-7: usernames are unique regardless of case. The unique index of user.username is rebuilt
 * with COLLATE NOCASE (same name, so the entity still matches it). Accounts that clash only in
 * case keep the oldest as is; the others get `-<id>` appended, so none is lost and an admin can
 * rename or delete them.
 */
export class UsernameNocase1796590000000 implements MigrationInterface {
  name = 'UsernameNocase1796590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE "user" SET "username" = "username" || '-' || "id"
            WHERE "id" NOT IN (SELECT MIN("id") FROM "user" GROUP BY lower("username"))
        `);
    await queryRunner.query(`DROP INDEX "IDX_78a916df40e02a9deb1c4b75ed"`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user" ("username" COLLATE NOCASE)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_78a916df40e02a9deb1c4b75ed"`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user" ("username")
        `);
  }
}
