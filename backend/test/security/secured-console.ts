import {
  startConsole,
  type ConsoleHarness,
  type HarnessOptions,
} from '../support/console-harness.js';

/** The console as it runs in production: every route behind the guard. */
export function startSecuredConsole(options: HarnessOptions = {}): Promise<ConsoleHarness> {
  return startConsole(options);
}

/** Reads one cookie's attributes from Set-Cookie, lower-cased, e.g. { httponly: '', samesite: 'strict' }. */
export function cookieAttributes(
  headers: Headers,
  name: string,
): Record<string, string> | undefined {
  const line = headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const attrs: Record<string, string> = {};
  for (const part of line.split(';').slice(1)) {
    const [k, v = ''] = part.trim().split('=');
    attrs[k.toLowerCase()] = v.toLowerCase();
  }
  return attrs;
}
