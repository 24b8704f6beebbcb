import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795665943265 implements MigrationInterface {
  name = 'Initial1795665943265';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
            CREATE INDEX "IDX_f4e3e5ca7c0aaa1aad0a7d0df4" ON "activity" ("at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a122e9f6db3691d515315165ed" ON "activity" ("target")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c6166c1e4a5c53cfdea6638bf7" ON "activity" ("upid")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
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
            DROP TABLE "activity"
        `);
  }
}
