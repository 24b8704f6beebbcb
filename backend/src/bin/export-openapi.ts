import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module.js';
import { buildOpenApiDocument, configureApp } from '../app.setup.js';
import { loadConfig } from '../config/config.loader.js';

/**
 * Writes backend/openapi/openapi.json: boots the app without listening and without talking to
 * Proxmox, against a throwaway database, so the output depends on the code only.
 */
async function exportSpec(out: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-openapi-'));
  const config = loadConfig({
    PROXICLOUD_CONFIG: '/dev/null',
    PROXICLOUD_DATA_DIR: dataDir,
    PROXICLOUD_PVE_URL: 'https://pve.invalid:8006',
    PROXICLOUD_PVE_TOKEN_ID: 'openapi@pve!export',
    PROXICLOUD_PVE_TOKEN_SECRET: 'not-a-secret',
  });
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      logger: false,
    });
    configureApp(app);
    await app.init();
    const document = buildOpenApiDocument(app);
    await app.close();
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
    console.log(`OpenAPI spec written to ${out}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const root = resolve(join(import.meta.dirname, '../../../..'));
await exportSpec(process.argv[2] ?? join(root, 'backend/openapi/openapi.json'));
