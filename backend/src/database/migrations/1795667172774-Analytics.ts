import { MigrationInterface, QueryRunner } from 'typeorm';

export class Analytics1795667172774 implements MigrationInterface {
  name = 'Analytics1795667172774';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "analytics_ct_samples" (
                "vmid" integer NOT NULL,
                "t" integer NOT NULL,
                "step" integer NOT NULL,
                "up" real,
                "cpu" real,
                "mem" real,
                "disk" real,
                "netin" real,
                "netout" real,
                "diskread" real,
                "diskwrite" real,
                "maxcpu" real,
                "maxmem" real,
                "maxdisk" real,
                PRIMARY KEY ("vmid", "t")
            ) WITHOUT ROWID
        `);
    await queryRunner.query(`
            CREATE TABLE "analytics_node_samples" (
                "node" varchar(64) NOT NULL,
                "t" integer NOT NULL,
                "step" integer NOT NULL,
                "up" real,
                "cpu" real,
                "mem" real,
                "disk" real,
                "netin" real,
                "netout" real,
                "diskread" real,
                "diskwrite" real,
                "maxcpu" real,
                "maxmem" real,
                "maxdisk" real,
                PRIMARY KEY ("node", "t")
            ) WITHOUT ROWID
        `);
    await queryRunner.query(`
            CREATE TABLE "analytics_ct_rollups" (
                "vmid" integer NOT NULL,
                "tier" integer NOT NULL,
                "t" integer NOT NULL,
                "step" integer NOT NULL,
                "secs" integer NOT NULL,
                "up" real,
                "cpu_min" real,
                "cpu_avg" real,
                "cpu_max" real,
                "mem_min" real,
                "mem_avg" real,
                "mem_max" real,
                "disk_min" real,
                "disk_avg" real,
                "disk_max" real,
                "netin_min" real,
                "netin_avg" real,
                "netin_max" real,
                "netout_min" real,
                "netout_avg" real,
                "netout_max" real,
                "diskread_min" real,
                "diskread_avg" real,
                "diskread_max" real,
                "diskwrite_min" real,
                "diskwrite_avg" real,
                "diskwrite_max" real,
                "maxcpu" real,
                "maxmem" real,
                "maxdisk" real,
                PRIMARY KEY ("vmid", "tier", "t")
            ) WITHOUT ROWID
        `);
    await queryRunner.query(`
            CREATE TABLE "analytics_node_rollups" (
                "node" varchar(64) NOT NULL,
                "tier" integer NOT NULL,
                "t" integer NOT NULL,
                "step" integer NOT NULL,
                "secs" integer NOT NULL,
                "up" real,
                "cpu_min" real,
                "cpu_avg" real,
                "cpu_max" real,
                "mem_min" real,
                "mem_avg" real,
                "mem_max" real,
                "disk_min" real,
                "disk_avg" real,
                "disk_max" real,
                "netin_min" real,
                "netin_avg" real,
                "netin_max" real,
                "netout_min" real,
                "netout_avg" real,
                "netout_max" real,
                "diskread_min" real,
                "diskread_avg" real,
                "diskread_max" real,
                "diskwrite_min" real,
                "diskwrite_avg" real,
                "diskwrite_max" real,
                "maxcpu" real,
                "maxmem" real,
                "maxdisk" real,
                PRIMARY KEY ("node", "tier", "t")
            ) WITHOUT ROWID
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "analytics_node_rollups"
        `);
    await queryRunner.query(`
            DROP TABLE "analytics_ct_rollups"
        `);
    await queryRunner.query(`
            DROP TABLE "analytics_node_samples"
        `);
    await queryRunner.query(`
            DROP TABLE "analytics_ct_samples"
        `);
  }
}
