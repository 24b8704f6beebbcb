import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { allowedHosts } from './auth/allowed-hosts.js';
import { PUBLIC_EXTENSION } from './auth/auth.decorators.js';
import { requestContext } from './auth/request-context.js';
import { answerClientErrors, refuseDeepJson } from './auth/request-hardening.js';
import { CSRF_HEADER, SESSION_COOKIE } from './auth/session-cookie.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';

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
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      'session',
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }, 'csrf')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'pxc_ token', description: 'API token' },
      'token',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  secureOperations(document);
  return document;
}

const SAFE_METHODS = new Set(['get', 'head', 'options']);

/** Every operation needs a session (plus the CSRF header when it changes state) or a token. */
function secureOperations(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(path)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const op = operation as { security?: Record<string, string[]>[] } & Record<string, unknown>;
      if (op[PUBLIC_EXTENSION]) {
        op.security = [];
        continue;
      }
      const session: Record<string, string[]> = SAFE_METHODS.has(method)
        ? { session: [] }
        : { session: [], csrf: [] };
      op.security = [session, { token: [] }];
    }
  }
}

/**
 * Swagger UI "Try it out" after signing in through POST /api/auth/login: the browser keeps the
 * cookie, and these hooks remember the CSRF token from the answer and send it on writes. They run
 * in the browser, so they use nothing from this module.
 */
const swaggerLogin = {
  withCredentials: true,
  persistAuthorization: true,
  responseInterceptor: (res: { body?: { csrfToken?: unknown } }) => {
    const token = res.body?.csrfToken;
    if (typeof token === 'string') (globalThis as { pxcCsrf?: string }).pxcCsrf = token;
    return res;
  },
  requestInterceptor: (req: { method?: string; headers: Record<string, string> }) => {
    const token = (globalThis as { pxcCsrf?: string }).pxcCsrf;
    if (token && req.method && req.method.toUpperCase() !== 'GET') {
      req.headers['X-CSRF-Token'] = token;
    }
    return req;
  },
};

/**
 * Prefix, security middleware, validation, error filter and Swagger UI. The built Angular app is
 * mounted separately by `serveFrontend`, after Nest's routes.
 */
export function configureApp(app: NestExpressApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  configureSecurity(app, app.get<AppConfig>(APP_CONFIG));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.disable('x-powered-by');
  // Express would hash every JSON body for an ETag; the API's answers change every few seconds anyway.
  app.set('etag', false);
  // L-6: X-Forwarded-For/-Proto count only from the configured proxies (none by default), so a
  // client cannot pick its own address for the sign-in throttle or the activity log
  const { trustedProxies } = app.get<AppConfig>(APP_CONFIG).auth;
  app.set('trust proxy', trustedProxies.length > 0 ? trustedProxies : false);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    customSiteTitle: 'ProxiCloud API',
    swaggerOptions: swaggerLogin,
  });
}

/** sha256 of `this.media='all'`, the onload handler of the stylesheet link in Angular's index.html */
const ANGULAR_STYLESHEET_ONLOAD = 'MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc=';

/**
 * Security headers, allowed hosts, cookies, CORS (closed unless origins are configured) and the
 * request context.
 */
function configureSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.use(securityHeaders());
  // I-3: before anything else reads the request (an empty list lets every host through)
  if (config.auth.allowedHosts.length > 0) app.use(allowedHosts(config.auth.allowedHosts));
  // named jsonParser, so Nest does not add its own JSON parser after this one
  app.use(express.json({ verify: refuseDeepJson }));
  answerClientErrors(app.getHttpServer());
  app.use(cookieParser());
  app.use(requestContext);
  if (config.auth.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.auth.corsOrigins,
      credentials: true,
      allowedHeaders: ['Content-Type', 'Authorization', CSRF_HEADER],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    });
  }
}

/**
 * Security headers for every answer, the API's and the app's,
 * plus `Cache-Control: no-store` (I-6): API answers hold account and cluster data that no browser
 * or proxy cache should keep. Static files and index.html set their own Cache-Control after this.
 */
function securityHeaders(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const helmetHeaders = helmetMiddleware();
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    helmetHeaders(req, res, next);
  };
}

function helmetMiddleware(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        // the console is often reached over plain HTTP on a LAN: never rewrite to https://
        upgradeInsecureRequests: null,
        // Angular inlines critical CSS, then swaps the full stylesheet in with this one handler
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrcAttr: ["'unsafe-hashes'", `'sha256-${ANGULAR_STYLESHEET_ONLOAD}'`],
      },
    },
    // HSTS over HTTPS only matters behind a TLS proxy, which sets its own policy
    strictTransportSecurity: false,
  });
}

/** Where `ng build` puts the app. */
export function defaultFrontendDir(): string {
  return resolve(join(import.meta.dirname, '../../frontend/browser'));
}

const isApiPath = (path: string): boolean =>
  path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);

/**
 * Static files and the SPA fallback, kept off /api paths so API calls never touch the disk.
 * Initialises the app first, so they come after every Nest route in Express' stack: middleware
 * added before `init()` runs before the routes, and the fallback would answer routes outside /api
 * (GET /metrics) with index.html. Returns whether an app was found in `dir`.
 */
export async function serveFrontend(app: NestExpressApplication, dir: string): Promise<boolean> {
  await app.init();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const statics = express.static(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    statics(req, res, () => {
      if (req.method !== 'GET' || req.path.includes('.')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
