import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';

export const API_PREFIX = 'api';

/** The OpenAPI document of the console; operationIds are the controller method names. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ProxiCloud API')
    .setDescription(
      'REST API of ProxiCloud, a console for Proxmox VE LXC containers. ' +
        'Errors are JSON {statusCode, message, error}; mutations return 202 with the Proxmox task to follow.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
}

/** Prefix, validation, error filter, Swagger UI and the built Angular app (SPA fallback). */
export function configureApp(app: NestExpressApplication, frontendDir?: string): void {
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.disable('x-powered-by');
  // Express would hash every JSON body for an ETag; the API's answers change every few seconds anyway.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    customSiteTitle: 'ProxiCloud API',
  });
  if (frontendDir) serveFrontend(app, frontendDir);
}

/** Where `ng build` puts the app. */
export function defaultFrontendDir(): string {
  return resolve(join(import.meta.dirname, '../../frontend/browser'));
}

const isApiPath = (path: string): boolean =>
  path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);

/** Static files and the SPA fallback, kept off /api paths so API calls never touch the disk. */
function serveFrontend(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  const statics = express.static(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    statics(req, res, () => {
      if (req.method !== 'GET' || req.path.includes('.')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
}
