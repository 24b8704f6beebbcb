import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp, defaultFrontendDir, serveFrontend } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { configFileModeProblems } from './config/config-file-mode.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { startDemoCluster } from './demo/demo-simulator.js';
import { PermissionsService } from './permissions/permissions.service.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('ProxiCloud');
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  for (const problem of configFileModeProblems(config.source)) {
    logger.warn(`${problem}: it may hold secrets; chmod 600 it (or 640 with the service's group)`);
  }
  const stops: (() => Promise<void>)[] = [];
  if (!config.pve.urls.length) {
    const demo = await startDemoCluster(config, (line) => logger.log(line, 'pve-sim'));
    config = demo.config;
    stops.push(() => demo.sim.stop());
    logger.warn(
      `Demo mode: no PROXICLOUD_PVE_URL set, using the simulated cluster at ${demo.sim.url}`,
    );
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: ['log', 'warn', 'error'],
  });
  configureApp(app);
  await serveFrontend(app, defaultFrontendDir());
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  logger.log(`Config from ${config.source}; data in ${config.dataDir}`);
  logger.log(`ProxiCloud is serving on ${url.replace('[::1]', 'localhost')} (API docs: /api/docs)`);
  // says at start which features the Proxmox token's privileges leave out; never blocks the start
  void app.get(PermissionsService).logAtStart();
  const shutdown = async () => {
    await app.close();
    for (const stop of stops) await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

void bootstrap();
